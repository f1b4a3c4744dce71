"""Reads of cooperation, scoped first (`visible_to`): the lists, the board of a group's
sheets, and a partnership's crossing and results, which are counts only — the employer
party reads them too, and an employer never sees a person."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from access.models import PersonAccess
from companies.models import Company, GroupMembership
from cooperation.enums import SheetState
from cooperation.models import ActionSheet, GroupMember, Partnership, WorkingGroup
from cooperation.state_machine import BOARD_COLUMNS, SHEET_LIFECYCLE
from employment.models import Contract
from events.enums import EventState
from events.models import Event, organization_ids_of
from immersions.models import Immersion
from jobs.models import RomeFamily
from offers.enums import OfferState
from offers.models import Introduction, JobOffer
from persons.levels import Level
from persons.models import Wish


def groups_of(user, *, search: str = ""):
    groups = WorkingGroup.objects.visible_to(user).select_related("epci", "lead_organization")
    if search:
        groups = groups.filter(name__icontains=search)
    return groups.annotate(
        sheet_count=Count("sheets", distinct=True),
        done_count=Count("sheets", filter=Q(sheets__state=SheetState.DONE), distinct=True),
    ).order_by("name", "id")


def group_sheets(group):
    return (
        ActionSheet.objects.filter(group=group)
        .select_related("priority", "lead_organization")
        .annotate(action_count=Count("actions"))
        .order_by("due_on", "id")
    )


@dataclass(frozen=True)
class Column:
    state: str
    label: str
    sheets: list


def board(group, sheets=None) -> list[Column]:
    """The group's sheets by state, one column per state, in the lifecycle's order;
    `sheets`, when the caller read them already (`group_sheets`)."""
    by_state = {state: [] for state in BOARD_COLUMNS}
    for sheet in group_sheets(group) if sheets is None else sheets:
        sheet.moves = SHEET_LIFECYCLE.options(sheet.state)
        by_state[sheet.state].append(sheet)
    return [Column(s, SHEET_LIFECYCLE.label(s), by_state[s]) for s in BOARD_COLUMNS]


def group_meetings(group):
    """The group's meetings: events of the calendar, in date order."""
    return group.meetings.order_by("starts_at", "id")


@dataclass(frozen=True)
class Meetings:
    upcoming: list
    past: list


def group_meetings_by_time(group, now=None) -> Meetings:
    """The meetings to come (the next first), then those held (the last first): one
    query."""
    now = now or timezone.now()
    meetings = list(group_meetings(group))
    return Meetings(
        upcoming=[m for m in meetings if m.ends_at >= now],
        past=[m for m in reversed(meetings) if m.ends_at < now],
    )


def _group_organizations_q(group, field: str) -> Q:
    """`field` is the group's coordinating organization or one of its members."""
    return Q(**{field: group.lead_organization_id}) | Q(
        **{f"{field}__in": group.organizations.values("pk")}
    )


def meeting_candidates(group, user):
    """The events the user may make meetings of the group: organised by one of their
    organizations that belongs to the group, not cancelled, not linked yet."""
    own = organization_ids_of(user)
    return (
        Event.objects.filter(_group_organizations_q(group, "organizers"), organizers__in=own)
        .exclude(state=EventState.CANCELLED)
        .exclude(pk__in=group.meetings.values("pk"))
        .distinct()
        .order_by("starts_at", "id")
    )


def sheet_event_choices(group):
    """The events a sheet of the group may lead to: its meetings and the events its
    organizations organise, not cancelled."""
    return (
        Event.objects.filter(
            Q(pk__in=group.meetings.values("pk")) | _group_organizations_q(group, "organizers")
        )
        .exclude(state=EventState.CANCELLED)
        .distinct()
        .order_by("starts_at", "id")
    )


def sheet_partnership_choices(group):
    """The partnerships a sheet of the group may lead to: those its organizations are a
    party to."""
    return (
        Partnership.objects.filter(
            _group_organizations_q(group, "employer") | _group_organizations_q(group, "structure")
        )
        .select_related("employer", "structure")
        .order_by("employer__name", "structure__name", "id")
    )


def group_people(group):
    """The group's people, who runs it first, then by name."""
    return (
        GroupMember.objects.filter(group=group)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "id")
    )


def group_people_candidates(group):
    """Who may join the group: the active members of its organizations."""
    return (
        get_user_model()
        .objects.filter(
            _group_organizations_q(group, "memberships__organization"),
            is_active=True,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def partnerships_of(user, *, phase: str = "", search: str = ""):
    partnerships = Partnership.objects.visible_to(user).select_related(
        "employer", "structure", "facilitator"
    )
    if phase:
        partnerships = partnerships.filter(phase=phase)
    if search:
        partnerships = partnerships.filter(
            Q(employer__name__icontains=search) | Q(structure__name__icontains=search)
        )
    return partnerships.order_by("-started_on", "-id")


def employer_company_ids(partnership) -> list[int]:
    """The employer's own company and, for an employer group, its member companies of
    today."""
    own = list(Company.objects.filter(organization_id=partnership.employer_id))
    ids = [company.pk for company in own]
    groups = [company.pk for company in own if company.is_employer_group]
    if groups:
        members = GroupMembership.objects.active().filter(group_id__in=groups)
        ids += list(members.values_list("member_id", flat=True))
    return ids


def employer_group_company(partnership):
    """The employer's record in the register when it is an employer group."""
    return Company.objects.filter(
        organization_id=partnership.employer_id, is_employer_group=True
    ).first()


@dataclass(frozen=True)
class CrossingRow:
    code: str
    name: str
    offers: int
    people: int

    @property
    def meets(self) -> bool:
        return bool(self.offers and self.people)


def crossing(partnership, company_ids=None) -> list[CrossingRow]:
    """The employer's published offers (its member companies' for a group) beside the
    wishes of the people the structure follows, counted by ROME family: the families
    where both meet first. Counts only, never a person. `company_ids`: the
    `employer_company_ids` when the caller read them already."""
    if company_ids is None:
        company_ids = employer_company_ids(partnership)
    offers = dict(
        JobOffer.objects.filter(company_id__in=company_ids, state=OfferState.PUBLISHED)
        .values_list("appellation__rome_id")
        .annotate(n=Count("id"))
        .values_list("appellation__rome_id", "n")
    )
    followed = PersonAccess.objects.filter(
        organization_id=partnership.structure_id, level=Level.TEAM, user__isnull=True
    ).values("person_id")
    people = dict(
        Wish.objects.filter(person_id__in=followed, appellation__isnull=False)
        .values_list("appellation__rome_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("appellation__rome_id", "n")
    )
    names = dict(RomeFamily.objects.filter(code__in={*offers, *people}).values_list("code", "name"))
    rows = [
        CrossingRow(code, names.get(code, code), offers.get(code, 0), people.get(code, 0))
        for code in {*offers, *people}
    ]
    return sorted(rows, key=lambda r: (not r.meets, -(r.offers + r.people), r.code))


@dataclass(frozen=True)
class Results:
    introductions: int
    immersions: int
    hires: int


def results(partnership, company_ids=None) -> Results:
    """Since the partnership started: the structure's introductions to the employer's
    offers, its immersions and its people's hires in the employer's companies
    (`company_ids` as for `crossing`)."""
    companies = employer_company_ids(partnership) if company_ids is None else company_ids
    since = partnership.started_on
    return Results(
        introductions=Introduction.objects.filter(
            offer__company_id__in=companies,
            introduced_by_id=partnership.structure_id,
            created_at__date__gte=since,
        ).count(),
        immersions=Immersion.objects.filter(
            company_id__in=companies,
            organization_id=partnership.structure_id,
            start_on__gte=since,
        ).count(),
        hires=Contract.objects.filter(
            company_id__in=companies,
            pathway__organization_id=partnership.structure_id,
            start_date__gte=since,
        ).count(),
    )
