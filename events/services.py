"""Every write about events, each in one transaction, audited (the models are
`AuditedModel`s), the event's state moved through its lifecycle, and the followed
person's timeline told of a registration, a presence and an introduction.

Who may do what is checked here again (`events.access`): the organizers manage the
event; a professional registers the people they follow (TEAM level); a company
registers its own contacts; the public page registers a name and a way to answer."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from access.policy import Capability, can
from audit.context import SYSTEM, user_of
from companies.models import Contact
from events.access import (
    NOT_ORGANIZER,
    NOT_REGISTRANT,
    is_organizer,
    may_cancel_registration,
    require_organizer,
)
from events.enums import EventKind, EventState, Presence, RegistrantKind
from events.models import (
    Attendance,
    CalendarFeed,
    Event,
    EventDocument,
    EventTransition,
    Invitation,
    Occurrence,
    Outcome,
    Registration,
    Slot,
)
from events.recurrence import Rule, session_times
from events.tasks import send_cancellation_notice, send_change_notice
from lib.lifecycle import move
from lib.uploads import check_upload
from offers.services import introduction_create
from persons.access import require_person_level
from persons.levels import Level
from timeline.models import Audience
from timeline.models import EventKind as TimelineKind
from timeline.services import record_event

FULL = "Cet événement est complet."
CANCELLED = "Cet événement est annulé."


def _local(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y à %H:%M}".replace(":", " h ", 1)


def _check_times(starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise ValidationError("La fin doit venir après le début.")


def _check_schedule(kind, starts_at, ends_at, repeat_weekday, repeat_until) -> None:
    _check_times(starts_at, ends_at)
    if repeat_weekday is not None and kind != EventKind.DROP_IN:
        raise ValidationError("Seules les permanences se répètent chaque semaine.")
    if repeat_until and repeat_until < timezone.localtime(starts_at).date():
        raise ValidationError("La fin de la répétition doit venir après la première séance.")


def _require_member(user, organization) -> None:
    if not can(user, Capability.VIEW_ORGANIZATION, organization):
        raise PermissionDenied("Vous n'êtes pas membre de cette organisation.")


def _materialise(event: Event) -> None:
    """Write the sessions the event's rule (or its single date) gives, keeping those
    already written (their attendance stays)."""
    if event.is_recurring:
        rule = Rule(event.repeat_weekday, event.repeat_interval, event.repeat_until)
        times = session_times(event.starts_at, event.ends_at, rule)
    else:
        times = [(event.starts_at, event.ends_at)]
    existing = set(event.occurrences.values_list("starts_at", flat=True))
    for starts_at, ends_at in times:
        if starts_at not in existing:
            Occurrence.objects.create(event=event, starts_at=starts_at, ends_at=ends_at)


@transaction.atomic
def event_create(
    *,
    user,
    organization,
    kind: str,
    title: str,
    starts_at,
    ends_at,
    description: str = "",
    co_organizers=(),
    commune=None,
    address: str = "",
    online_url: str = "",
    capacity: int | None = None,
    for_people: bool = False,
    for_professionals: bool = False,
    for_employers: bool = False,
    is_public: bool = False,
    repeat_weekday: int | None = None,
    repeat_interval: int = 1,
    repeat_until=None,
    is_demo: bool = False,
) -> Event:
    if user is not SYSTEM:
        _require_member(user, organization)
    _check_schedule(kind, starts_at, ends_at, repeat_weekday, repeat_until)
    event = Event.objects.create(
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        organization=organization,
        commune=commune,
        address=address.strip(),
        online_url=online_url,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        for_people=for_people,
        for_professionals=for_professionals,
        for_employers=for_employers,
        is_public=is_public,
        repeat_weekday=repeat_weekday,
        repeat_interval=max(1, repeat_interval or 1),
        repeat_until=repeat_until,
        created_by=user_of(user),
        is_demo=is_demo,
    )
    event.organizers.set({organization, *co_organizers})
    event.audit_related_change("organizers", [], sorted(o.pk for o in event.organizers.all()))
    EventTransition.record(event, to_state=EventState.SCHEDULED, user=user)
    _materialise(event)
    return event


# The kind and the organizers stay; of what changes, these move the sessions and the place.
SCHEDULE = ("starts_at", "ends_at", "repeat_weekday", "repeat_interval", "repeat_until")
PLACE = ("commune", "address", "online_url")
SESSION_RECORDED = (
    "Des présences sont notées pour cette séance : sa date ne peut plus changer. "
    "Programmez un nouvel événement."
)


def capacity_below_registrations(count: int) -> str:
    return (
        f"{count} personne{'s' if count > 1 else ''} {'sont' if count > 1 else 'est'} déjà "
        f"inscrite{'s' if count > 1 else ''} : le nombre de places ne peut pas être inférieur "
        f"à {count}."
    )


@transaction.atomic
def event_update(
    *,
    event: Event,
    user,
    title: str,
    starts_at,
    ends_at,
    description: str = "",
    commune=None,
    address: str = "",
    online_url: str = "",
    capacity: int | None = None,
    for_people: bool = False,
    for_professionals: bool = False,
    for_employers: bool = False,
    is_public: bool = False,
    repeat_weekday: int | None = None,
    repeat_interval: int = 1,
    repeat_until=None,
) -> Event:
    """The organizers change the event. The sessions already held, and any session
    with attendance or cancelled, stay as they are; only the future untouched ones
    follow the new dates. Calendars see a higher SEQUENCE; the registrants are told of
    a new date or place (as of a cancellation, and unless they turned it off)."""
    require_organizer(user, event)
    # The registrations lock the event too: the count below cannot go stale.
    event = Event.objects.select_for_update(of=("self",)).select_related("commune").get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(CANCELLED)
    _check_schedule(event.kind, starts_at, ends_at, repeat_weekday, repeat_until)
    registered = _open_registrations(event).count()
    if capacity is not None and capacity < registered:
        raise ValidationError(capacity_below_registrations(registered))
    wanted = {
        "title": title.strip(),
        "description": description.strip(),
        "commune": commune,
        "address": address.strip(),
        "online_url": online_url,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": capacity,
        "for_people": for_people,
        "for_professionals": for_professionals,
        "for_employers": for_employers,
        "is_public": is_public,
        "repeat_weekday": repeat_weekday,
        "repeat_interval": max(1, repeat_interval or 1),
        "repeat_until": repeat_until if repeat_weekday is not None else None,
    }
    changed = {name for name, value in wanted.items() if getattr(event, name) != value}
    if not changed:
        return event
    for name in changed:
        setattr(event, name, wanted[name])
    event.save(update_fields=[*changed, "updated_at"])
    moved = bool(changed & set(SCHEDULE))
    if moved:
        _reschedule(event)
    _bump(event)
    if moved or changed & set(PLACE):
        transaction.on_commit(lambda: send_change_notice.enqueue(event_id=event.pk))
    return event


def _reschedule(event: Event) -> None:
    """The sessions follow the event's new dates. A session already held, or with
    attendance, or cancelled, is history: it is never moved nor deleted. The other
    sessions are replaced by those of the new dates (for a drop-in, from now on: the
    rule does not rewrite the past). A drop-in's first date moves to its first new
    session, which is where calendars start its rule."""
    now = timezone.now()
    recorded = Attendance.objects.filter(occurrence=OuterRef("pk"))
    sessions = list(event.occurrences.annotate(recorded=Exists(recorded)))
    if event.is_recurring:
        rule = Rule(event.repeat_weekday, event.repeat_interval, event.repeat_until)
        times = [t for t in session_times(event.starts_at, event.ends_at, rule) if t[0] >= now]

        def is_history(session):
            return session.recorded or session.cancelled_at or session.starts_at < now
    else:
        times = [(event.starts_at, event.ends_at)]
        if any(s.recorded for s in sessions) and not any(
            s.recorded and s.starts_at == event.starts_at for s in sessions
        ):
            raise ValidationError(SESSION_RECORDED)

        def is_history(session):
            return session.recorded or session.cancelled_at

    # A day that keeps its session (held, recorded or cancelled) gets no second one.
    kept = {timezone.localdate(s.starts_at) for s in sessions if is_history(s)}
    times = [(start, end) for start, end in times if timezone.localdate(start) not in kept]
    by_start = dict(times)
    for session in sessions:
        if is_history(session):
            continue
        if session.starts_at not in by_start:
            session.delete()
        elif session.ends_at != by_start[session.starts_at]:
            session.ends_at = by_start[session.starts_at]
            session.reminded_at = None
            session.save(update_fields=["ends_at", "reminded_at"])
    present = set(event.occurrences.values_list("starts_at", flat=True))
    for start, end in times:
        if start not in present:
            Occurrence.objects.create(event=event, starts_at=start, ends_at=end)
    if event.is_recurring and times and times[0][0] > event.starts_at:
        event.starts_at, event.ends_at = times[0]
        event.save(update_fields=["starts_at", "ends_at", "updated_at"])


def _bump(event: Event) -> None:
    """The event changed: the calendar feeds carry a higher SEQUENCE."""
    event.sequence += 1
    event.save(update_fields=["sequence", "updated_at"])


@transaction.atomic
def event_cancel(*, event: Event, user, reason: str = "") -> Event:
    require_organizer(user, event)
    move(
        event,
        EventState.CANCELLED,
        log=EventTransition,
        user=user,
        comment=reason,
        changes={"cancel_reason": reason.strip()[:500]},
    )
    _bump(event)
    _notify_cancellation(event, None)
    return event


@transaction.atomic
def occurrence_cancel(*, occurrence: Occurrence, user, note: str = "") -> Occurrence:
    """One session of a recurring drop-in is cancelled (an EXDATE in the feed)."""
    event = occurrence.event
    require_organizer(user, event)
    if occurrence.cancelled_at:
        raise ValidationError("Cette séance est déjà annulée.")
    occurrence.cancelled_at = timezone.now()
    occurrence.note = note.strip()[:500]
    occurrence.save(update_fields=["cancelled_at", "note"])
    _bump(event)
    _notify_cancellation(event, occurrence)
    return occurrence


def _notify_cancellation(event, occurrence) -> None:
    occurrence_id = occurrence.pk if occurrence else None
    transaction.on_commit(
        lambda: send_cancellation_notice.enqueue(event_id=event.pk, occurrence_id=occurrence_id)
    )


@transaction.atomic
def invitation_create(*, event: Event, user, organization=None, company=None) -> Invitation:
    require_organizer(user, event)
    if (organization is None) == (company is None):
        raise ValidationError("Invitez une organisation ou une entreprise.")
    found = event.invitations.filter(organization=organization, company=company).first()
    if found:
        return found
    return Invitation.objects.create(
        event=event, organization=organization, company=company, invited_by=user_of(user)
    )


def _open_registrations(event):
    return event.registrations.filter(cancelled_at__isnull=True)


def _check_open(event: Event) -> None:
    if event.state == EventState.CANCELLED:
        raise ValidationError(CANCELLED)
    if event.capacity is not None and _open_registrations(event).count() >= event.capacity:
        raise ValidationError(FULL)


def _timeline(person, registration, title, *, actor, organization, occurred_at=None) -> None:
    record_event(
        person=person,
        kind=TimelineKind.APPOINTMENT,
        title=title,
        audience=Audience.TEAM,
        organization=organization,
        subject=registration,
        actor=user_of(actor),
        occurred_at=occurred_at,
    )


@transaction.atomic
def register_person(
    *, event: Event, person, user, organization, is_demo: bool = False
) -> Registration:
    """A professional registers a person they follow (TEAM level)."""
    require_person_level(user, person, Level.TEAM)
    Event.objects.select_for_update().filter(pk=event.pk).first()
    _check_open(event)
    if _open_registrations(event).filter(person=person).exists():
        raise ValidationError(f"{person} est déjà inscrit·e à cet événement.")
    registration = Registration.objects.create(
        event=event,
        kind=RegistrantKind.PERSON,
        person=person,
        organization=organization,
        registered_by=user_of(user),
        is_demo=is_demo,
    )
    _timeline(
        person,
        registration,
        f"Inscrit·e à « {event.title} » ({event.get_kind_display()}) le {_local(event.starts_at)}",
        actor=user,
        organization=organization,
    )
    return registration


@transaction.atomic
def register_self(*, event: Event, user, organization) -> Registration:
    _require_member(user, organization)
    Event.objects.select_for_update().filter(pk=event.pk).first()
    _check_open(event)
    if _open_registrations(event).filter(user=user).exists():
        raise ValidationError("Vous êtes déjà inscrit·e à cet événement.")
    return Registration.objects.create(
        event=event,
        kind=RegistrantKind.PROFESSIONAL,
        user=user,
        organization=organization,
        registered_by=user,
    )


@transaction.atomic
def register_contact(*, event: Event, contact: Contact, user, organization) -> Registration:
    """A company (or the structure that knows the contact) registers one of its
    contacts: the contact must be one the organization recorded."""
    _require_member(user, organization)
    if contact.organization_id != organization.pk:
        raise PermissionDenied("Cet interlocuteur n'est pas l'un des vôtres.")
    Event.objects.select_for_update().filter(pk=event.pk).first()
    _check_open(event)
    if _open_registrations(event).filter(contact=contact).exists():
        raise ValidationError(f"{contact.name} est déjà inscrit·e à cet événement.")
    return Registration.objects.create(
        event=event,
        kind=RegistrantKind.CONTACT,
        contact=contact,
        organization=organization,
        registered_by=user,
    )


@transaction.atomic
def register_public(
    *, event: Event, name: str, email: str = "", phone: str = "", is_demo: bool = False
) -> Registration:
    """The public page: a name and a way to answer, for an event open to all."""
    if not event.is_public:
        raise ValidationError("Cet événement n'est pas ouvert aux inscriptions en ligne.")
    Event.objects.select_for_update().filter(pk=event.pk).first()
    _check_open(event)
    if not email and not phone:
        raise ValidationError("Indiquez un téléphone ou une adresse électronique.")
    return Registration.objects.create(
        event=event,
        kind=RegistrantKind.PUBLIC,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        is_demo=is_demo,
    )


def introduced_from_slot(slot, *, what: str) -> str:
    """Why a slot an introduction was made from stays booked, and what stays with it."""
    return (
        f"Une mise en relation avec {slot.company.name} a été faite depuis le créneau de "
        f"{_hour(slot.starts_at)} : {what} ne peut plus être annulée, pour garder la trace de "
        "la rencontre. La suite se gère depuis la mise en relation."
    )


def _hour(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%H h %M}"


def _require_registrant_or_organizer(user, registration, event) -> None:
    if not may_cancel_registration(user, registration, event):
        raise PermissionDenied(NOT_REGISTRANT)


@transaction.atomic
def registration_cancel(*, registration: Registration, user) -> Registration:
    """The organizers, or the structure that registered, cancel a registration. A job
    dating slot booked for it is freed, unless an introduction was made from it: then
    the registration stays (the introduction's trace) and the cancellation is refused.
    Cancelling twice changes nothing."""
    event = registration.event
    _require_registrant_or_organizer(user, registration, event)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("person", "organization")
        .get(pk=registration.pk)
    )
    if registration.cancelled_at:
        return registration
    if event.is_cancelled:
        raise ValidationError(CANCELLED)
    slots = list(
        Slot.objects.select_for_update(of=("self",))
        .select_related("company")
        .filter(registration=registration)
        .order_by("starts_at", "id")
    )
    introduced = next((slot for slot in slots if slot.introduction_id), None)
    if introduced is not None:
        raise ValidationError(introduced_from_slot(introduced, what="l'inscription"))
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["cancelled_at"])
    for slot in slots:
        slot.registration = None
        slot.save(update_fields=["registration"])
    if registration.person_id:
        freed = "".join(
            f" ; créneau de {_hour(s.starts_at)} avec {s.company.name} libéré" for s in slots
        )
        _timeline(
            registration.person,
            registration,
            f"Inscription à « {event.title} » annulée{freed}",
            actor=user,
            organization=registration.organization,
        )
    return registration


def _check_session(occurrence: Occurrence, user) -> None:
    require_organizer(user, occurrence.event)
    if occurrence.cancelled_at or occurrence.event.state == EventState.CANCELLED:
        raise ValidationError("Cette séance est annulée.")


@transaction.atomic
def attendance_mark(
    *, occurrence: Occurrence, registration: Registration, presence: str, user, is_demo=False
) -> Attendance:
    """One tap on the list: the registrant came, or did not."""
    _check_session(occurrence, user)
    if registration.event_id != occurrence.event_id or registration.cancelled_at:
        raise ValidationError("Cette inscription n'est pas celle de cet événement.")
    if presence not in Presence.values:
        raise ValidationError("Choisissez présent·e ou absent·e.")
    attendance, created = Attendance.objects.get_or_create(
        occurrence=occurrence,
        registration=registration,
        defaults={
            "presence": presence,
            "person": registration.person,
            "recorded_by": user_of(user),
            "is_demo": is_demo,
        },
    )
    if not created and attendance.presence != presence:
        attendance.presence = presence
        attendance.recorded_by = user_of(user)
        attendance.recorded_at = timezone.now()
        attendance.save(update_fields=["presence", "recorded_by", "recorded_at"])
    elif not created:
        return attendance
    if registration.person_id and presence == Presence.PRESENT:
        _timeline(
            registration.person,
            registration,
            f"Présent·e à « {occurrence.event.title} »",
            actor=user,
            organization=registration.organization,
            occurred_at=occurrence.starts_at if is_demo else None,
        )
    return attendance


@transaction.atomic
def visitor_add(*, occurrence: Occurrence, name: str, user, is_demo=False) -> Attendance:
    """Someone came without registering: their first name at the door."""
    _check_session(occurrence, user)
    name = name.strip()
    if not name:
        raise ValidationError("Notez au moins le prénom de la personne.")
    return Attendance.objects.create(
        occurrence=occurrence,
        visitor_name=name[:150],
        presence=Presence.PRESENT,
        recorded_by=user_of(user),
        is_demo=is_demo,
    )


@transaction.atomic
def visitor_became_walk_in(*, attendance: Attendance, person, user) -> Attendance:
    """The visitor's record was opened through the walk-in form: the presence names it."""
    require_organizer(user, attendance.occurrence.event)
    require_person_level(user, person, Level.TEAM)
    attendance.person = person
    attendance.save(update_fields=["person"])
    return attendance


@transaction.atomic
def slot_add(
    *, event: Event, company, starts_at, user, label: str = "", offer=None, is_demo=False
) -> Slot:
    require_organizer(user, event)
    if event.kind != EventKind.JOB_DATING:
        raise ValidationError("Les créneaux sont ceux d'un job dating.")
    if offer is not None and offer.company_id != company.pk:
        raise ValidationError("L'offre choisie n'est pas celle de cette entreprise.")
    # A company that receives candidates at the job dating is invited to it: with an
    # account, it finds the event in its agenda and its feed.
    invitation_create(event=event, user=user, company=company)
    return Slot.objects.create(
        event=event,
        company=company,
        starts_at=starts_at,
        label=label.strip(),
        offer=offer,
        is_demo=is_demo,
    )


@transaction.atomic
def slot_book(*, slot: Slot, registration: Registration, user) -> Slot:
    """The structure that registered a person books a slot for them (or the organizer)."""
    if registration.event_id != slot.event_id or registration.kind != RegistrantKind.PERSON:
        raise ValidationError("Choisissez une personne inscrite à ce job dating.")
    # Read under lock, as `registration_cancel` writes it: a cancellation at the same
    # moment either comes first (and the booking is refused) or frees this slot after.
    if Registration.objects.select_for_update().get(pk=registration.pk).cancelled_at:
        raise ValidationError("Cette inscription est annulée.")
    own = registration.organization_id and can(
        user, Capability.VIEW_ORGANIZATION, registration.organization
    )
    if not (own or is_organizer(user, slot.event)):
        raise PermissionDenied(NOT_ORGANIZER)
    locked = Slot.objects.select_for_update().get(pk=slot.pk)
    if locked.registration_id and locked.registration_id != registration.pk:
        raise ValidationError("Ce créneau est déjà pris.")
    slot.registration = registration
    slot.save(update_fields=["registration"])
    return slot


SLOT_FREE = "Ce créneau est déjà libre."


@transaction.atomic
def slot_release(*, slot: Slot, user) -> Slot:
    """« Libérer le créneau »: the organizers, or the structure that booked it, give a
    booked slot back (the candidate stays registered to the event). Refused once an
    introduction was made from it."""
    event = slot.event
    locked = (
        Slot.objects.select_for_update(of=("self",))
        .select_related("company", "registration__person", "registration__organization")
        .get(pk=slot.pk)
    )
    registration = locked.registration
    if registration is None:
        require_organizer(user, event)
        raise ValidationError(SLOT_FREE)
    _require_registrant_or_organizer(user, registration, event)
    if event.is_cancelled:
        raise ValidationError(CANCELLED)
    if locked.introduction_id:
        raise ValidationError(introduced_from_slot(locked, what="la réservation"))
    locked.registration = None
    locked.save(update_fields=["registration"])
    if registration.person_id:
        _timeline(
            registration.person,
            registration,
            f"Créneau de {_hour(locked.starts_at)} avec {locked.company.name} libéré au job "
            f"dating « {event.title} »",
            actor=user,
            organization=registration.organization,
        )
    return locked


@transaction.atomic
def slot_introduce(*, slot: Slot, user, organization, comment: str = "", is_demo=False):
    """From the slot, the structure that follows the candidate introduces them to the
    company's offer (`offers.services.introduction_create`, which writes the person's
    timeline); the introduction is traced back to the event."""
    if slot.registration_id is None or slot.registration.person_id is None:
        raise ValidationError("Ce créneau n'a pas de candidat·e.")
    if slot.offer_id is None:
        raise ValidationError("Ce créneau n'est lié à aucune offre de l'entreprise.")
    if slot.introduction_id:
        raise ValidationError("La mise en relation de ce créneau est déjà faite.")
    person = slot.registration.person
    require_person_level(user, person, Level.TEAM)
    event = slot.event
    note = comment.strip() or f"Rencontré·e au job dating « {event.title} »."
    introduction = introduction_create(
        offer=slot.offer,
        person=person,
        organization=organization,
        user=user,
        comment=note,
        is_demo=is_demo,
    )
    slot.introduction = introduction
    slot.save(update_fields=["introduction"])
    Outcome.objects.create(event=event, introduction=introduction, recorded_by=user_of(user))
    return introduction


@transaction.atomic
def outcome_link(*, event: Event, user, introduction=None, immersion=None) -> Outcome:
    """Trace an introduction or an immersion back to the event it came from. The
    user follows the person (TEAM level)."""
    if (introduction is None) == (immersion is None):
        raise ValidationError("Choisissez une mise en relation ou une immersion.")
    person = (introduction or immersion).person
    require_person_level(user, person, Level.TEAM)
    outcome, _ = Outcome.objects.get_or_create(
        introduction=introduction,
        immersion=immersion,
        defaults={"event": event, "recorded_by": user_of(user)},
    )
    return outcome


@transaction.atomic
def debrief_save(*, event: Event, user, worked: str, improve: str) -> Event:
    require_organizer(user, event)
    event.debrief_worked = worked.strip()
    event.debrief_improve = improve.strip()
    event.save(update_fields=["debrief_worked", "debrief_improve", "updated_at"])
    return event


@transaction.atomic
def document_add(*, event: Event, user, title: str, upload) -> EventDocument:
    require_organizer(user, event)
    kind = check_upload(upload)
    return EventDocument.objects.create(
        event=event,
        title=title.strip() or upload.name,
        file=upload,
        content_type=kind.mime,
        size=upload.size,
        uploaded_by=user_of(user),
    )


@transaction.atomic
def calendar_link(*, user, organization=None, renew: bool = False) -> CalendarFeed:
    """The secret link of the user's feed, or of the organization's (a member's), made
    once; `renew` revokes the old link and makes a new one."""
    if organization is not None:
        _require_member(user, organization)
    found = CalendarFeed.objects.filter(
        organization=organization,
        user=None if organization is not None else user,
        revoked_at__isnull=True,
    ).first()
    if found and not renew:
        return found
    if found:
        found.revoked_at = timezone.now()
        found.save(update_fields=["revoked_at"])
    return CalendarFeed.objects.create(
        key=CalendarFeed.new_key(),
        organization=organization,
        user=None if organization is not None else user,
        created_by=user,
    )
