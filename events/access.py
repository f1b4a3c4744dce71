"""Fetch and authorise, for events. Pages, API handlers and services all go through
these functions.

- An event the user may not see (`Event.objects.visible_to`) answers 404.
- Its organizers (members of one of its organizing organizations) manage it: sessions,
  attendance, slots, debrief, documents, cancellation. Anyone else who sees it answers
  403 there, with a French explanation.
- A registered person is named only to who sees them at TEAM level (the structures
  that follow them); every other reader, organizers included, reads « une personne
  accompagnée, inscrite par … ». Employers never read more than their own contacts."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, active_memberships, can
from audit.context import SYSTEM
from companies.models import Contact
from events.enums import RegistrantKind
from events.models import Event, organization_ids_of
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
