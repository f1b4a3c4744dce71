"""Events in the API: the list with its filters, an event, its registrations and its
sessions' attendance (as the pages show them: a followed person named only to who sees
them at TEAM level), and the iCalendar feeds of an organization and of the user.

The writes the event's page and the phone attendance list make, through the same
services: registering a followed person or a contact of one's company, cancelling a
registration (organizers, or the structure that registered: a job dating slot booked
for it is freed), freeing a booked slot (the same people), and marking a registrant
present or absent at a session (organizers). Slots are not listed here: only their
release, the one slot write a structure that registered someone makes afterwards."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from api.pagination import MAX_PAGE, page_of_cards
from api.schemas import Choice, Id, PatchSchema, SafeDate, SafeDateTime, Text, errors
from events import ical, selectors, services
from events.access import (
    event_for,
    followed_person_ids,
    is_organizer,
    organization_named,
    registrable_contacts,
    registrable_persons,
    registration_for,
    registration_label,
    require_organizer,
    visible_registrations,
)
from events.enums import EventKind
from events.forms import EventEditForm, event_form_data
from events.models import Attendance, organization_ids_of
from organizations.models import Organization

router = Router(tags=["Événements"])

ICS = "text/calendar; charset=utf-8"
FROM = Query(None, alias="from", description="Premier jour (inclus)")
TO = Query(None, alias="to", description="Dernier jour (inclus)")


class EventOrganizerOut(Schema):
    id: int
    name: str


class AgendaEventOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    starts_at: datetime
    ends_at: datetime
    state: str
    organizers: list[EventOrganizerOut]
    place: str
    online_url: str
    capacity: int | None
    recurring: bool = Field(description="Une permanence qui se répète chaque semaine")
    repeat_weekday: int | None = Field(description="0 = lundi")
    repeat_until: date | None


class AgendaEventDetailOut(AgendaEventOut):
    description: str
    for_people: bool
    for_professionals: bool
    for_employers: bool
    is_public: bool


class AgendaEventPage(Schema):
    count: int
    page: int
    pages: int
    items: list[AgendaEventOut]


class EventRegistrationOut(Schema):
    id: int
    kind: str
    label: str = Field(description="Nom, ou « personne accompagnée » si vous ne la suivez pas")
    person_id: int | None = Field(description="Seulement pour les personnes que vous suivez")
    registered_at: datetime
    cancelled_at: datetime | None = Field(None, description="Vide tant que l'inscription tient")


class EventRegistrationIn(Schema):
    person_id: Id | None = Field(None, description="Une personne que vous accompagnez")
    contact_id: Id | None = Field(
        None, description="Ou un interlocuteur d'entreprise de votre organisation"
    )
    organization_id: Id | None = Field(
        None,
        description="L'organisation pour laquelle vous inscrivez (si vous êtes membre de "
        "plusieurs)",
    )


class EventRegistrationPage(Schema):
    count: int
    page: int
    pages: int
    items: list[EventRegistrationOut]


class EventAttendanceOut(Schema):
    session_id: int
    starts_at: datetime
    cancelled: bool
    registration_id: int | None
    label: str
    presence: str


class EventAttendanceIn(Schema):
    registration_id: Id = Field(description="Une inscription de l'événement")
    # The two buttons of the phone list; « attendu·e » is no one's answer.
    presence: Literal["present", "absent"]


class EventAttendancePage(Schema):
    count: int
    page: int
    pages: int
    items: list[EventAttendanceOut]


class AgendaEventPatch(PatchSchema):
    """A field left out is left unchanged; the rest is checked as the page's form."""

    title: Text(200, min_length=1) = None
    description: Text(5000) = None
    starts_at: SafeDateTime = Field(
        None, description="Pour une permanence : la première séance (son jour de la semaine)"
    )
    ends_at: SafeDateTime = Field(None, description="Le même jour que le début")
    commune: Text(120) | None = Field(None, description="Code INSEE, ou vide")
    address: Text(255) = None
    online_url: Text(200) = None
    capacity: int | None = Field(None, ge=1, le=100_000)
    for_people: bool = None
    for_professionals: bool = None
    for_employers: bool = None
    is_public: bool = None
    recurring: bool = Field(None, description="Une permanence qui se répète chaque semaine")
    repeat_interval: int = Field(None, ge=1, le=8)
    repeat_until: SafeDate | None = None


def _form_data(event, changes: dict) -> dict:
    """The edit form's data: the event as it stands, the changes laid on it."""
    data = event_form_data(event)
    starts_at = changes.pop("starts_at", None)
    ends_at = changes.pop("ends_at", None)
    if starts_at is not None:
        starts_at = timezone.localtime(starts_at)
        data.update(day=starts_at.date(), start_time=starts_at.time())
    if ends_at is not None:
        ends_at = timezone.localtime(ends_at)
        if ends_at.date() != data["day"]:
            raise ValidationError("La fin doit être le même jour que le début.")
        data["end_time"] = ends_at.time()
    if "recurring" in changes:
        data["repeats"] = changes.pop("recurring")
    data.update({name: "" if value is None else value for name, value in changes.items()})
    return data


def _card(event) -> dict:
    return {
        "id": event.pk,
        "kind": event.kind,
        "kind_label": event.get_kind_display(),
        "title": event.title,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "state": event.state,
        "organizers": [{"id": o.pk, "name": o.name} for o in event.organizers.all()],
        "place": event.place,
        "online_url": event.online_url,
        "capacity": event.capacity,
        "recurring": event.is_recurring,
        "repeat_weekday": event.repeat_weekday,
        "repeat_until": event.repeat_until,
    }


@router.get(
    "/events",
    response=AgendaEventPage,
    summary="Les événements que vous voyez (permanences, job datings, réunions…)",
    description="`from` et `to` (jours inclus) gardent les événements dont une séance tombe "
    "dans la période ; `kind` filtre par type.",
)
def event_list(
    request,
    start: date | None = FROM,
    end: date | None = TO,
    kind: Choice(EventKind) | None = None,
    page: int = Query(1, ge=1, le=MAX_PAGE),
):
    rows = selectors.events_for(request.user, start=start, end=end, kind=kind or "").order_by(
        "starts_at", "id"
    )
    return page_of_cards(rows, page, _card)


@router.get(
    "/events/calendar.ics",
    response={200: None},
    summary="Votre agenda (iCalendar) : les événements de vos organisations et vos inscriptions",
    openapi_extra={"responses": {200: {"content": {"text/calendar": {}}}}},
)
def user_calendar(request):
    feed = ical.calendar(selectors.user_calendar(request.user), name="Mon agenda Parcours")
    return HttpResponse(feed, content_type=ICS)


@router.get(
    "/events/{event_id}",
    response={200: AgendaEventDetailOut, **errors(404)},
    summary="Un événement",
)
def event_detail(request, event_id: Id):
    return _detail(event_for(request.user, event_id))


def _detail(event) -> dict:
    return {
        **_card(event),
        "description": event.description,
        "for_people": event.for_people,
        "for_professionals": event.for_professionals,
        "for_employers": event.for_employers,
        "is_public": event.is_public,
    }


@router.patch(
    "/events/{event_id}",
    response={200: AgendaEventDetailOut, **errors(400, 403, 404)},
    summary="Modifier un événement (organisateurs)",
    description="Les champs absents ne changent pas ; le reste est vérifié comme sur la page. "
    "Les séances passées, ou dont les présences sont notées, ne bougent pas ; les inscrits "
    "sont avertis d'un changement de date ou de lieu ; le flux iCalendar monte sa SEQUENCE.",
)
def event_update(request, event_id: Id, payload: AgendaEventPatch):
    event = event_for(request.user, event_id)
    require_organizer(request.user, event)
    form = EventEditForm(_form_data(event, payload.dict(exclude_unset=True)), event=event)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    services.event_update(event=event, user=request.user, **form.service_arguments())
    return _detail(event_for(request.user, event.pk))


@router.get(
    "/events/{event_id}/registrations",
    response={200: EventRegistrationPage, **errors(404)},
    summary="Les inscriptions d'un événement (toutes pour les organisateurs, les vôtres sinon)",
)
def event_registrations(request, event_id: Id, page: int = Query(1, ge=1, le=MAX_PAGE)):
    event = event_for(request.user, event_id)
    rows = list(visible_registrations(request.user, event))
    followed = followed_person_ids(request.user, [r.person_id for r in rows])
    own = set(organization_ids_of(request.user))
    return page_of_cards(rows, page, lambda r: _registration_card(r, followed, own))


NO_REGISTRANT = "Indiquez une personne (person_id) ou un interlocuteur (contact_id), pas les deux."
NOT_FOLLOWED = "Choisissez une personne que vous accompagnez."
NOT_YOUR_CONTACT = "Choisissez un interlocuteur enregistré par votre organisation."


@router.post(
    "/events/{event_id}/registrations",
    response={201: EventRegistrationOut, **errors(400, 403, 404)},
    summary="Inscrire une personne que vous accompagnez, ou un interlocuteur de votre entreprise",
    description="Les mêmes règles que la page de l'événement : un événement annulé ou "
    "complet refuse l'inscription, une personne ou un interlocuteur déjà inscrit aussi "
    "(400, en français).",
)
def event_register(request, event_id: Id, payload: EventRegistrationIn):
    event = event_for(request.user, event_id)
    if (payload.person_id is None) == (payload.contact_id is None):
        return Status(400, {"detail": NO_REGISTRANT})
    organization = organization_named(request.user, payload.organization_id)
    if payload.person_id is not None:
        person = (
            registrable_persons(request.user, organization).filter(pk=payload.person_id).first()
        )
        if person is None:
            return Status(400, {"detail": NOT_FOLLOWED})
        registration = services.register_person(
            event=event, person=person, user=request.user, organization=organization
        )
    else:
        contact = registrable_contacts(organization).filter(pk=payload.contact_id).first()
        if contact is None:
            return Status(400, {"detail": NOT_YOUR_CONTACT})
        registration = services.register_contact(
            event=event, contact=contact, user=request.user, organization=organization
        )
    followed = followed_person_ids(request.user, [registration.person_id])
    own = {organization.pk}
    return Status(201, _registration_card(registration, followed, own))


def _registration_card(registration, followed: set[int], own) -> dict:
    return {
        "id": registration.pk,
        "kind": registration.kind,
        "label": registration_label(registration, followed, own),
        "person_id": registration.person_id if registration.person_id in followed else None,
        "registered_at": registration.registered_at,
        "cancelled_at": registration.cancelled_at,
    }


@router.post(
    "/events/{event_id}/registrations/{registration_id}/cancel",
    response={200: EventRegistrationOut, **errors(400, 403, 404)},
    summary="Annuler une inscription (organisateurs, ou la structure qui a inscrit)",
    description="Comme « Annuler l'inscription » sur la page de l'événement : le créneau de "
    "job dating réservé pour elle redevient libre ; si une mise en relation en est née, "
    "l'inscription reste et l'annulation est refusée (400, en français). Annuler une "
    "inscription déjà annulée ne change rien. Une inscription d'une autre structure, "
    "quand vous n'organisez pas l'événement : 404.",
)
def registration_cancel(request, event_id: Id, registration_id: Id):
    event = event_for(request.user, event_id)
    registration = registration_for(request.user, event, registration_id)
    registration = services.registration_cancel(registration=registration, user=request.user)
    followed = followed_person_ids(request.user, [registration.person_id])
    own = set(organization_ids_of(request.user))
    return _registration_card(registration, followed, own)


class EventSlotOut(Schema):
    id: int
    starts_at: datetime
    company: str
    label: str
    registration_id: int | None = Field(description="L'inscription pour qui il est réservé")
    introduced: bool = Field(description="Une mise en relation en est née")


@router.post(
    "/events/{event_id}/slots/{slot_id}/release",
    response={200: EventSlotOut, **errors(400, 403, 404)},
    summary="Libérer un créneau de job dating (organisateurs, ou la structure qui l'a réservé)",
    description="Comme « Libérer le créneau » sur la page : la personne reste inscrite à "
    "l'événement. Un créneau déjà libre, ou dont une mise en relation est née, refuse (400, "
    "en français).",
)
def slot_release(request, event_id: Id, slot_id: Id):
    event = event_for(request.user, event_id)
    slot = event.slots.filter(pk=slot_id).first()
    if slot is None:
        raise Http404("Créneau introuvable.")
    slot = services.slot_release(slot=slot, user=request.user)
    return {
        "id": slot.pk,
        "starts_at": slot.starts_at,
        "company": slot.company.name,
        "label": slot.label,
        "registration_id": slot.registration_id,
        "introduced": slot.introduction_id is not None,
    }


@router.get(
    "/events/{event_id}/attendance",
    response={200: EventAttendancePage, **errors(403, 404)},
    summary="Les présences aux séances d'un événement (organisateurs)",
)
def event_attendance(request, event_id: Id, page: int = Query(1, ge=1, le=MAX_PAGE)):
    event = event_for(request.user, event_id)
    if not is_organizer(request.user, event):
        raise PermissionDenied("Seuls les organisateurs lisent les présences.")
    registrations = list(visible_registrations(request.user, event))
    followed = followed_person_ids(request.user, [r.person_id for r in registrations])
    own = set(organization_ids_of(request.user))
    labels = {r.pk: registration_label(r, followed, own) for r in registrations}
    rows = (
        Attendance.objects.filter(occurrence__event=event)
        .select_related("occurrence")
        .order_by("occurrence__starts_at", "id")
    )
    return page_of_cards(rows, page, lambda a: _attendance_card(a, labels))


NOT_THIS_EVENT = "Cette inscription n'est pas celle de cet événement."


@router.post(
    "/events/{event_id}/sessions/{session_id}/attendance",
    response={200: EventAttendanceOut, **errors(400, 403, 404)},
    summary="Noter un inscrit présent ou absent à une séance (organisateurs)",
    description="Comme la liste de présence sur téléphone : noter une seconde fois "
    "remplace la première ; une séance annulée refuse (400).",
)
def session_mark(request, event_id: Id, session_id: Id, payload: EventAttendanceIn):
    event = event_for(request.user, event_id)
    occurrence = event.occurrences.filter(pk=session_id).first()
    if occurrence is None:
        raise Http404("Séance introuvable.")
    require_organizer(request.user, event)
    registration = (
        visible_registrations(request.user, event).filter(pk=payload.registration_id).first()
    )
    if registration is None:
        return Status(400, {"detail": NOT_THIS_EVENT})
    attendance = services.attendance_mark(
        occurrence=occurrence,
        registration=registration,
        presence=payload.presence,
        user=request.user,
    )
    followed = followed_person_ids(request.user, [registration.person_id])
    own = set(organization_ids_of(request.user))
    labels = {registration.pk: registration_label(registration, followed, own)}
    return _attendance_card(attendance, labels)


def _attendance_card(attendance, labels: dict[int, str]) -> dict:
    return {
        "session_id": attendance.occurrence_id,
        "starts_at": attendance.occurrence.starts_at,
        "cancelled": attendance.occurrence.cancelled_at is not None,
        "registration_id": attendance.registration_id,
        "label": labels.get(attendance.registration_id, "")
        if attendance.registration_id
        else attendance.visitor_name,
        "presence": attendance.presence,
    }


@router.get(
    "/organizations/{organization_id}/calendar.ics",
    response={200: None, **errors(404)},
    summary="L'agenda d'une de vos organisations (iCalendar)",
    description="Les permanences qui se répètent sont un seul événement avec sa règle "
    "(RRULE), une séance annulée une EXDATE, un événement annulé STATUS:CANCELLED.",
    openapi_extra={"responses": {200: {"content": {"text/calendar": {}}}}},
)
def organization_calendar(request, organization_id: Id):
    if organization_id not in organization_ids_of(request.user):
        raise Http404("Organisation introuvable.")
    organization = Organization.objects.get(pk=organization_id)
    feed = ical.calendar(selectors.organization_calendar(organization), name=organization.name)
    return HttpResponse(feed, content_type=ICS)
