"""Reads about pathways: a person's pathways at the user's level, and the worklist."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from access.models import PersonAccess, Relation
from access.policy import Capability, membership_can, team_level
from employment import selectors as employment_selectors
from organizations.models import Membership
from pathways.models import EligibilityDiagnosis, Pathway, TeamMember, Transition
from pathways.state_machine import MILESTONES
from persons.levels import Level
from persons.models import Person

LEVEL_NAMES = {Level.TEAM: "team", Level.MILESTONES: "milestones", Level.NONE: "none"}


@dataclass(frozen=True)
class SeatView:
    """What a seat on a team gives today, for the team table and the API."""

    level: Level
    label: str

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]


def _seat_view(membership, access_until) -> SeatView:
    level = team_level(membership)
    if access_until is not None and access_until < timezone.localdate():
        return SeatView(Level.NONE, "ne voit plus rien : accès terminé")
    if level == Level.TEAM:
        if membership_can(membership, Capability.SEE_BARRIERS):
            return SeatView(level, "voit tout le dossier")
        return SeatView(level, "voit tout le dossier, sauf les freins et la santé")
    if level == Level.MILESTONES:
        return SeatView(level, "voit les grandes étapes seulement")
    return SeatView(level, "ne voit plus rien : son organisation ne rejoint pas les équipes")


def seat_views(members) -> dict[int, SeatView]:
    """For each seat (by id), what it gives today: computed from the capabilities of
    the organization it is held for (`access.policy.team_level`), as the person's
    visibility is, so the table says what the seat really shows."""
    members = list(members)
    memberships = {
        (m.user_id, m.organization_id): m
        for m in Membership.objects.active()
        .filter(
            user_id__in={m.user_id for m in members},
            organization_id__in={m.organization_id for m in members},
        )
        .select_related("organization")
    }
    return {
        member.pk: _seat_view(
            memberships.get((member.user_id, member.organization_id)), member.access_until
        )
        for member in members
    }


def seat_view(member) -> SeatView:
    return seat_views([member])[member.pk]


def person_pathways(user, person, *, level: int):
    """The person's pathways; at Level.MILESTONES only the transitions that are
    milestones are loaded."""
    transitions = Transition.objects.select_related("by").order_by("at", "id")
    if level < Level.TEAM:
        transitions = transitions.filter(to_state__in=MILESTONES)
    return (
        Pathway.objects.about(person, user)
        .select_related("organization", "referent", "prescriber_organization")
        .prefetch_related(
            Prefetch("transitions", queryset=transitions),
            Prefetch(
                "team_members",
                queryset=TeamMember.objects.select_related("user", "organization").order_by(
                    "added_at", "id"
                ),
            ),
            "pass_changes",
        )
        .order_by("-started_on", "-id")
    )


def person_diagnoses(person):
    return (
        EligibilityDiagnosis.objects.filter(person=person)
        .select_related("organization", "author")
        .order_by("-made_on", "-id")
    )


# --- worklist ------------------------------------------------------------------------
# Each reads one structure's open pathways through the (organization, state, referent)
# and (organization, pass_end) indexes; a section of the worklist takes its rows and its
# count in one query (`lib.counted_page`), the home page all its counts in one aggregate.


# What a worklist row shows, and nothing else: the window count makes the database carry
# every matching row to the sort, so narrow rows make it several times faster.
_ROW_FIELDS = (
    "person_id",
    "kind",
    "state",
    "pass_end",
    "referent_id",
    "person__first_name",
    "person__last_name",
    "person__last_contact_at",
    "person__anonymised_at",  # the label of an anonymised file
    "referent__first_name",
    "referent__last_name",
    "referent__email",
)


def _open_pathways_of(organization):
    """Open pathways of the organization's active people: a merged or anonymised file
    stays open in the statistics but asks nothing of anyone (nobody can open it)."""
    return Pathway.objects.open().filter(
        organization=organization,
        person__merged_into__isnull=True,
        person__anonymised_at__isnull=True,
    )


def _pass_ends_within(*, within_days: int, after_days: int = 0) -> Q:
    today = timezone.localdate()
    return Q(
        pass_end__gte=today + timedelta(days=after_days),
        pass_end__lte=today + timedelta(days=within_days),
    )


def _no_contact_for(days: int) -> Q:
    since = timezone.now() - timedelta(days=days)
    return Q(person__last_contact_at__isnull=True) | Q(person__last_contact_at__lt=since)


def passes_ending(organization, *, within_days: int, after_days: int = 0):
    """Open pathways of the organization whose PASS IAE ends within `within_days`, and
    not within the first `after_days` (so the 90-day alert does not repeat the 30-day one)."""
    return (
        _open_pathways_of(organization)
        .filter(_pass_ends_within(within_days=within_days, after_days=after_days))
        .select_related("person", "referent")
        .only(*_ROW_FIELDS)
        .order_by("pass_end", "id")
    )


def without_contact(organization, user, *, days: int = 30, whole_structure: bool = False):
    """Open pathways of the organization whose person has had no contact for `days`
    (or never): the user's own (as referent) unless `whole_structure`. The worklist's
    page reads the same through the access ledger (`without_contact_rows`), which a
    structure of thousands sorts and counts ten times faster."""
    pathways = _open_pathways_of(organization).filter(_no_contact_for(days))
    if not whole_structure:
        pathways = pathways.filter(referent=user)
    # Never contacted first, on both databases. It also keeps PostgreSQL from walking
    # the index of every person's last contact, in the hope of meeting the structure's
    # few early: the section counts all its rows anyway (`counted_page`), so it starts
    # from the structure's pathways and sorts those.
    return (
        pathways.select_related("person", "referent")
        .only(*_ROW_FIELDS)
        .order_by(F("person__last_contact_at").asc(nulls_first=True), "id")
    )


def without_contact_rows(organization, user, *, days: int = 30, whole_structure: bool = False):
    """« Sans contact » as rows of the access ledger: the persons the organization holds
    (one open pathway each at most, `pathways.services.pathway_open`) whose last contact,
    as the ledger copies it, is older than `days` (or never), the user's own as referent
    unless `whole_structure`; never contacted first. The same persons as
    `without_contact`, but sorted and counted among the structure's own rows: a range of
    its ledger rows and a range of its pathways, joined whole, instead of a visit to the
    platform-wide index of persons for each of its thousands of pathways. The page shows
    their pathways: `open_pathways_by_person`."""
    since = timezone.now() - timedelta(days=days)
    pathways = Pathway.objects.open().filter(organization=organization)
    if not whole_structure:
        pathways = pathways.filter(referent=user)
    return (
        PersonAccess.objects.filter(organization=organization, relation=Relation.HOLDS)
        .filter(Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=since))
        .filter(person_id__in=pathways.values("person_id"))
        .exclude(person_id__in=Person.objects.inactive().values("pk"))
        .order_by(F("last_contact_at").asc(nulls_first=True), "person_id")
    )


def open_pathways_by_person(organization, person_ids) -> dict:
    """The organization's open pathway of each of these persons, as a worklist row."""
    return {
        pathway.person_id: pathway
        for pathway in _open_pathways_of(organization)
        .filter(person_id__in=person_ids)
        .select_related("person", "referent")
        .only(*_ROW_FIELDS)
    }


def worklist_counts(organization, user, *, days: int = 30, within_days: int = 90) -> dict:
    """The home page's figures from the worklist, in one pass over the structure's open
    pathways: `passes_ending` (within `within_days`) and `without_contact` (the user's
    own, no contact for `days`). The pass reads only the rows either figure may count,
    through both indexes (an OR of two index ranges), not every open pathway."""
    passes = _pass_ends_within(within_days=within_days)
    return (
        _open_pathways_of(organization)
        .filter(passes | Q(referent=user))
        .aggregate(
            passes_ending=Count("pk", filter=passes),
            without_contact=Count("pk", filter=Q(referent=user) & _no_contact_for(days)),
        )
    )


def contracts_ending(organization, *, within_days: int):
    """Running contracts of the organization's people ending within `within_days`
    (`employment.selectors.contracts_ending`)."""
    return employment_selectors.contracts_ending(organization, within_days=within_days)


def open_pathway_of(person, organization):
    """The organization's open pathway with the person, to which plan items attach."""
    if organization is None:
        return None
    return Pathway.objects.open().filter(person=person, organization=organization).first()


def standing_among(diagnoses, *, on=None):
    """`valid_diagnosis` among the person's diagnoses already read (`person_diagnoses`,
    latest first): the pathways tab lists them and needs no second query."""
    on = on or timezone.localdate()
    return next((d for d in diagnoses if d.valid_until and d.valid_until >= on), None)


def valid_diagnosis(person, *, on=None):
    """The person's latest eligibility diagnosis still standing `on` (today by default),
    with the organization that made it, or None: while it stands, nobody makes another."""
    on = on or timezone.localdate()
    return (
        EligibilityDiagnosis.objects.filter(person=person, valid_until__gte=on)
        .select_related("organization")
        .order_by("-made_on", "-id")
        .first()
    )
