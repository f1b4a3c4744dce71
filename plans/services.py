"""Writes about the action plan. Each is one transaction, validates before writing and
appends to the person's timeline: private notes for the organization only, everything
else for the accompanying team, never as a milestone (prescribers do not see plans).

Each checks who acts (`persons.access.require_person_level`): the user recorded as
author (`user`, `author`, `uploaded_by`) or, where the service records nobody, `actor`;
they must see the person at Level.TEAM. The system acts as `audit.context.SYSTEM`, but
writes nothing that names its author (an objective, a note, a document)."""

from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.context import SYSTEM
from lib.uploads import DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, check_upload
from persons.access import Level, require_person_level
from persons.consent import require_consent
from persons.models import Person
from persons.services import touch_contact
from plans.enums import ActionStatus, Attendance, NoteVisibility, ObjectiveStatus
from plans.models import Action, Appointment, Document, Note, Objective
from plans.owners import check_owner
from plans.selectors import actions_owned_by
from timeline.models import Audience, EventKind
from timeline.services import record_event


def _check_pathway(person: Person, pathway) -> None:
    if pathway is not None and pathway.person_id != person.pk:
        raise ValidationError("Ce parcours n'est pas celui de cette personne.")


def _check_follows(person: Person, user, what: str) -> None:
    if user is not None and not Person.objects.followed_by(user).filter(pk=person.pk).exists():
        raise ValidationError(f"{user} ne suit pas cette personne : choisissez {what}.")


@transaction.atomic
def objective_create(
    *,
    person: Person,
    title: str,
    user,
    organization,
    pathway=None,
    is_employment: bool = True,
    barrier=None,
) -> Objective:
    """An objective towards employment, or towards lifting one of the person's barriers
    (`barrier` given: `is_employment` is then false whatever was passed)."""
    require_person_level(user, person, Level.TEAM, authored=True)
    _check_pathway(person, pathway)
    if barrier is not None and barrier.person_id != person.pk:
        raise ValidationError("Ce frein n'est pas celui de cette personne.")
    objective = Objective(
        person=person,
        pathway=pathway,
        title=title.strip(),
        is_employment=is_employment and barrier is None,
        barrier=barrier,
        organization=organization,
        created_by=user,
    )
    objective.full_clean()
    objective.save()
    record_event(
        person=person,
        pathway=pathway,
        kind=EventKind.ACTION,
        title=f"Objectif : {objective.title}",
        organization=organization,
        subject=objective,
    )
    return objective


@transaction.atomic
def objective_set_status(*, objective: Objective, status: str, actor) -> Objective:
    require_person_level(actor, objective.person, Level.TEAM)
    if status not in ObjectiveStatus.values:
        raise ValidationError("Statut d'objectif inconnu.")
    if objective.status == status:
        return objective
    objective.status = status
    objective.save()
    record_event(
        person=objective.person,
        pathway=objective.pathway,
        kind=EventKind.ACTION,
        title=f"Objectif {objective.get_status_display().lower()} : {objective.title}",
        organization=objective.organization,
        subject=objective,
    )
    return objective


@transaction.atomic
def action_create(
    *,
    person: Person,
    kind: str,
    title: str,
    owner,
    organization,
    due_on: date | None = None,
    objective: Objective | None = None,
    pathway=None,
    owner_service=None,
    owner_is_person: bool = False,
    actor,
) -> Action:
    """An action of the plan, carried by one owner (`plans.owners`): a professional
    (`owner`), a partner service (`owner_service`) or the person (`owner_is_person`)."""
    require_person_level(actor, person, Level.TEAM)
    _check_pathway(person, pathway)
    if objective is not None and objective.person_id != person.pk:
        raise ValidationError("Cet objectif n'est pas celui de cette personne.")
    check_owner(person, owner=owner, owner_service=owner_service, owner_is_person=owner_is_person)
    action = Action(
        person=person,
        pathway=pathway or (objective.pathway if objective else None),
        objective=objective,
        kind=kind,
        title=title.strip(),
        owner=owner,
        owner_service=owner_service,
        owner_is_person=owner_is_person,
        due_on=due_on,
        organization=organization,
    )
    action.full_clean()
    action.save()
    due = f" (échéance le {due_on:%d/%m/%Y})" if due_on else ""
    carried = action.owner_label if (owner or owner_service or owner_is_person) else ""
    record_event(
        person=person,
        pathway=action.pathway,
        kind=EventKind.ACTION,
        title=f"Action prévue : {action.title}{due}",
        detail=f"Responsable : {carried}" if carried else "",
        organization=organization,
        subject=action,
    )
    return action


@transaction.atomic
def action_set_owner(
    *, action: Action, owner=None, owner_service=None, owner_is_person: bool = False, actor
) -> Action:
    """Hands the action to another owner (the team decides: Level.TEAM)."""
    require_person_level(actor, action.person, Level.TEAM)
    check_owner(
        action.person, owner=owner, owner_service=owner_service, owner_is_person=owner_is_person
    )
    if (action.owner_id, action.owner_service_id, action.owner_is_person) == (
        getattr(owner, "pk", None),
        getattr(owner_service, "pk", None),
        owner_is_person,
    ):
        return action
    action.owner, action.owner_service = owner, owner_service
    action.owner_is_person = owner_is_person
    action.save()
    record_event(
        person=action.person,
        pathway=action.pathway,
        kind=EventKind.ACTION,
        title=f"Action confiée : {action.title}",
        detail=f"Responsable : {action.owner_label}",
        organization=action.organization,
        subject=action,
    )
    return action


def _require_status_writer(actor, action: Action) -> None:
    """The team (Level.TEAM) moves any action; its owner moves their own (« Mes
    actions »), even from an organization that sees the milestones only."""
    is_user = actor is not SYSTEM and getattr(actor, "is_authenticated", False)
    if is_user and actions_owned_by(actor).filter(pk=action.pk).exists():
        return
    require_person_level(actor, action.person, Level.TEAM)


@transaction.atomic
def action_set_status(*, action: Action, status: str, actor, on: date | None = None) -> Action:
    _require_status_writer(actor, action)
    if status not in ActionStatus.values:
        raise ValidationError("Statut d'action inconnu.")
    if action.status == status:
        return action
    action.status = status
    action.done_on = (on or timezone.localdate()) if status == ActionStatus.DONE else None
    action.save()
    record_event(
        person=action.person,
        pathway=action.pathway,
        kind=EventKind.ACTION,
        title=f"Action {action.get_status_display().lower()} : {action.title}",
        detail="" if actor is SYSTEM else f"Par {actor}",
        organization=action.organization,
        subject=action,
    )
    return action


@transaction.atomic
def appointment_create(
    *,
    person: Person,
    at: datetime,
    subject: str,
    organization,
    with_user=None,
    place: str = "",
    pathway=None,
    actor,
) -> Appointment:
    require_person_level(actor, person, Level.TEAM)
    _check_pathway(person, pathway)
    _check_follows(person, with_user, "un·e professionnel·le qui la suit")
    appointment = Appointment(
        person=person,
        pathway=pathway,
        at=at,
        place=place.strip(),
        with_user=with_user,
        subject=subject.strip(),
        organization=organization,
    )
    appointment.full_clean()
    appointment.save()
    record_event(
        person=person,
        pathway=pathway,
        kind=EventKind.APPOINTMENT,
        title=f"Rendez-vous le {timezone.localtime(at):%d/%m/%Y à %H:%M} : {appointment.subject}",
        detail=" · ".join(filter(None, [appointment.place, str(with_user or "")])),
        organization=organization,
        subject=appointment,
    )
    return appointment


@transaction.atomic
def appointment_set_attendance(*, appointment: Appointment, attendance: str, actor) -> Appointment:
    require_person_level(actor, appointment.person, Level.TEAM)
    if attendance not in Attendance.values:
        raise ValidationError("Présence inconnue.")
    if appointment.attendance == attendance:
        return appointment
    appointment.attendance = attendance
    appointment.save()
    if attendance == Attendance.ATTENDED:
        touch_contact(appointment.person, appointment.at)
    record_event(
        person=appointment.person,
        pathway=appointment.pathway,
        kind=EventKind.APPOINTMENT,
        title=f"Rendez-vous du {timezone.localtime(appointment.at):%d/%m/%Y} : "
        f"{appointment.get_attendance_display().lower()}",
        detail=appointment.subject,
        organization=appointment.organization,
        subject=appointment,
    )
    return appointment


@transaction.atomic
def note_create(
    *, person: Person, text: str, visibility: str, author, organization, pathway=None
) -> Note:
    require_person_level(author, person, Level.TEAM, authored=True)
    _check_pathway(person, pathway)
    if not text.strip():
        raise ValidationError("Écrivez la note.")
    note = Note(
        person=person,
        pathway=pathway,
        text=text.strip(),
        visibility=visibility,
        author=author,
        organization=organization,
    )
    note.full_clean()
    note.save()
    touch_contact(person, note.created_at)
    private = visibility == NoteVisibility.ORGANIZATION
    record_event(
        person=person,
        pathway=pathway,
        kind=EventKind.NOTE,
        title=f"Note {'privée' if private else 'partagée'} de {author}",
        detail=note.text,
        audience=Audience.ORGANIZATION if private else Audience.TEAM,
        organization=organization,
        subject=note,
    )
    return note


def document_check(file) -> None:
    """The upload rules, in French, before anything is stored: the content must be what
    the name says, of an accepted kind, and small enough."""
    check_upload(file, kinds=DOCUMENT_KINDS, max_bytes=DOCUMENT_MAX_BYTES)


@transaction.atomic
def document_upload(
    *, person: Person, kind: str, file, uploaded_by, organization, needed: Level = Level.TEAM
) -> Document:
    """`needed` is lowered only by `referrals.services`: the sender of a referral, who
    sees the milestones, attaches what the structure needs; reading it back is for the
    team (`Document.objects.visible_to`), never for the sender nor an employer."""
    require_person_level(uploaded_by, person, needed, authored=True)
    require_consent(person, "déposer un document")
    document_check(file)
    document = Document(
        person=person,
        kind=kind,
        name=Path(file.name).name[:255],
        uploaded_by=uploaded_by,
        organization=organization,
    )
    document.file.save(document.name, file, save=False)
    try:
        document.full_clean()
        document.save()
        record_event(
            person=person,
            kind=EventKind.DOCUMENT,
            title=f"Document ajouté : {document.get_kind_display()}",
            organization=organization,
            subject=document,
        )
    except Exception:
        document.file.delete(save=False)  # a failed write leaves no orphan file
        raise
    return document
