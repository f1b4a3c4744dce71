"""Fetch and authorise, for events. Pages, API handlers and services all go through
these functions.

- An event the user may not see (`Event.objects.visible_to`) answers 404.
- Its organizers (members of one of its organizing organizations) manage it: sessions,
  attendance, slots, debrief, documents, cancellation. Anyone else who sees it answers
  403 there, with a French explanation.
- A registered person is named only to who sees them at TEAM level (the structures
  that follow them); every other reader, organizers included, reads « une personne
  accompagnée, inscrite par … ». Employers never read more than their own contacts.
- The outcomes (« Suites ») follow the same rule (`outcome_rows`): the person is named
  to who follows them, to the employer as its own pages show them (first name and
  initial), to no one else; each page the row leads to (the person's file, the offer,
  the employer's candidate page, the immersion) is linked only to who may open it."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, active_memberships, can
from audit.context import SYSTEM
from companies.models import Contact
from events.enums import RegistrantKind
from events.models import Event, organization_ids_of
from immersions.access import host_organizations
from immersions.selectors import hosted_by
from offers.models import EMPLOYER_KINDS, Introduction, JobOffer
from persons.models import Person

NOT_FOUND = "Événement introuvable."
NOT_ORGANIZER = "Seuls les organisateurs de l'événement peuvent faire ceci."
REGISTRATION_NOT_FOUND = "Inscription introuvable."
NOT_REGISTRANT = (
    "Seuls les organisateurs de l'événement ou la structure qui a fait l'inscription le peuvent."
)


def event_for(user, pk) -> Event:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    # The organizers are read by every page and handler (who manages the event, who
    # reads every registration): once, here.
    event = (
        Event.objects.visible_to(user)
        .select_related("organization", "commune")
        .prefetch_related("organizers")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404(NOT_FOUND)
    return event


def organizer_ids(event) -> set[int]:
    return {o.pk for o in event.organizers.all()}


def is_organizer(user, event) -> bool:
    if user is SYSTEM:
        return True
    return bool(set(organization_ids_of(user)) & organizer_ids(event))


def require_organizer(user, event) -> None:
    if not is_organizer(user, event):
        raise PermissionDenied(NOT_ORGANIZER)


def acting_organization(user, preferred=None):
    """The organization the user acts for: `preferred` when they are a member of it,
    else their only one; None when it cannot be told."""
    memberships = active_memberships(user) if user.is_authenticated else []
    own = {m.organization_id: m.organization for m in memberships}
    if preferred is not None and preferred.pk in own:
        return preferred
    return memberships[0].organization if len(memberships) == 1 else None


def organization_named(user, organization_id: int | None):
    """For the API, where no organization is chosen in a menu: the one `organization_id`
    names (one of the user's), else the user's only one. Refused when it is not theirs
    or cannot be told."""
    memberships = active_memberships(user)
    if organization_id is not None:
        for membership in memberships:
            if membership.organization_id == organization_id:
                return membership.organization
        raise PermissionDenied("Vous n'êtes pas membre de cette organisation.")
    if len(memberships) == 1:
        return memberships[0].organization
    raise PermissionDenied("Indiquez l'organisation pour laquelle vous agissez (organization_id).")


def registrable_persons(user, organization):
    """The people `user` may register for `organization`: those they follow (TEAM
    level), when the organization follows people; none for an employer."""
    if organization is None or not can(user, Capability.FOLLOW_PERSONS, organization):
        return Person.objects.none()
    return Person.objects.followed_by(user).order_by("last_name", "first_name")


def registrable_contacts(organization):
    """The company contacts an organization recorded: the ones it may register."""
    if organization is None:
        return Contact.objects.none()
    return Contact.objects.filter(organization=organization).select_related("company")


def followed_person_ids(user, person_ids) -> set[int]:
    """Among `person_ids`, those the user sees at TEAM level (one query)."""
    ids = [pk for pk in person_ids if pk]
    if not ids or not user.is_authenticated:
        return set()
    return set(Person.objects.followed_by(user).filter(pk__in=ids).values_list("pk", flat=True))


def registration_label(registration, followed: set[int], own_organization_ids) -> str:
    """How a reader sees a registrant (see the module's docstring)."""
    kind = registration.kind
    if kind == RegistrantKind.PERSON:
        if registration.person_id in followed:
            return str(registration.person)
        by = registration.organization.name if registration.organization_id else "une structure"
        return f"Personne accompagnée, inscrite par {by}"
    if kind == RegistrantKind.PROFESSIONAL and registration.user_id:
        org = f" ({registration.organization.name})" if registration.organization_id else ""
        return f"{registration.user.get_full_name() or registration.user.email}{org}"
    if kind == RegistrantKind.CONTACT and registration.contact_id:
        if registration.organization_id in own_organization_ids:
            return f"{registration.contact.name} ({registration.contact.company.name})"
        return f"Interlocuteur de {registration.contact.company.name}"
    return registration.name or "Inscription en ligne"


def _answered_registrations(user, event):
    """The registrations the user answers for: all of them for the organizers, their
    own organization's for the others (cancelled ones included)."""
    rows = event.registrations.select_related("person", "user", "contact__company", "organization")
    if is_organizer(user, event):
        return rows
    return rows.filter(organization_id__in=organization_ids_of(user))


def visible_registrations(user, event):
    """The registrations a reader may list: all of them for the organizers (with the
    labels above), their own organization's for the others."""
    return _answered_registrations(user, event).filter(cancelled_at__isnull=True)


def may_cancel_registration(user, registration, event) -> bool:
    """Who may cancel a registration, or free the job dating slot booked for it: the
    organizers, or the organization that registered it. Every registration a reader
    lists (`visible_registrations`) is one of these."""
    if is_organizer(user, event):
        return True
    return bool(registration.organization_id) and (
        registration.organization_id in organization_ids_of(user)
    )


def registration_for(user, event, pk):
    """A registration of `event` the user answers for, cancelled or not; 404 otherwise
    (another structure's registration is not theirs to know of)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(REGISTRATION_NOT_FOUND) from None
    found = _answered_registrations(user, event).filter(pk=pk).first()
    if found is None:
        raise Http404(REGISTRATION_NOT_FOUND)
    return found


@dataclass(frozen=True)
class OutcomeRow:
    """An outcome as a reader reads it. The pks are set only for the pages the reader
    may open: the person's file (`person_pk`), the offer's page (`offer_pk`), the
    employer's page of the candidate (`candidate_pk`), the immersion's page of who
    follows the person (`immersion_pk`, with `person_pk`) or of its host (`hosted_pk`)."""

    kind: str
    person: str
    company: object
    offer_title: str = ""
    state: str = ""
    person_pk: int | None = None
    offer_pk: int | None = None
    candidate_pk: int | None = None
    immersion_pk: int | None = None
    hosted_pk: int | None = None


def _outcome_person(person, by, followed: set[int], as_employer: bool) -> str:
    if person.pk in followed:
        return str(person)
    if as_employer:
        return person.display_name_for_employer
    return f"Personne accompagnée par {by.name}" if by is not None else "Personne accompagnée"


def outcome_rows(user, outcomes) -> list[OutcomeRow]:
    """The outcomes (read with their introduction's offer, company, person and structure,
    their immersion's company, person and structure) as `user` may read them. A few
    queries, whatever their number, and none without outcomes."""
    outcomes = list(outcomes)
    if not outcomes:
        return []
    introductions = [o.introduction for o in outcomes if o.introduction_id]
    immersions = [o.immersion for o in outcomes if o.immersion_id]
    followed = followed_person_ids(user, [i.person_id for i in introductions + immersions])
    managed, answered, hosted = set(), set(), set()
    if introductions:
        offers = {i.offer_id for i in introductions}
        managed = set(
            JobOffer.objects.managed_by(user).filter(pk__in=offers).values_list("pk", flat=True)
        )
        if any(m.organization.kind in EMPLOYER_KINDS for m in active_memberships(user)):
            answered = set(
                Introduction.objects.for_employer(user)
                .filter(pk__in=[i.pk for i in introductions])
                .values_list("pk", flat=True)
            )
    hosts = host_organizations(user) if immersions else []
    if hosts:
        hosted = set(
            hosted_by(*hosts).filter(pk__in=[i.pk for i in immersions]).values_list("pk", flat=True)
        )
    rows = []
    for outcome in outcomes:
        if outcome.introduction_id:
            introduction = outcome.introduction
            follows = introduction.person_id in followed
            rows.append(
                OutcomeRow(
                    kind="introduction",
                    person=_outcome_person(
                        introduction.person,
                        introduction.introduced_by,
                        followed,
                        introduction.pk in answered,
                    ),
                    company=introduction.offer.company,
                    offer_title=introduction.offer.title,
                    state=introduction.get_state_display().lower(),
                    person_pk=introduction.person_id if follows else None,
                    offer_pk=introduction.offer_id if introduction.offer_id in managed else None,
                    candidate_pk=introduction.pk if introduction.pk in answered else None,
                )
            )
        else:
            immersion = outcome.immersion
            follows = immersion.person_id in followed
            rows.append(
                OutcomeRow(
                    kind="immersion",
                    person=_outcome_person(
                        immersion.person, immersion.organization, followed, immersion.pk in hosted
                    ),
                    company=immersion.company,
                    state=f"du {immersion.start_on:%d/%m/%Y} au {immersion.end_on:%d/%m/%Y}",
                    person_pk=immersion.person_id if follows else None,
                    immersion_pk=immersion.pk if follows else None,
                    hosted_pk=immersion.pk if immersion.pk in hosted else None,
                )
            )
    return rows
