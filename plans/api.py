"""The action plan in the API: team level only (a prescriber gets 403, a stranger 404),
through the same services as the « Plan d'action » tab."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from api.pagination import PageNumber
from api.schemas import Id, SafeDate, SafeDateTime, Text, errors
from barriers.models import PersonBarrier
from partner_services.models import Service
from pathways.api import access_person_api, acting_organization
from pathways.selectors import open_pathway_of
from persons.levels import Level
from persons.models import Person
from plans import selectors, services
from plans.enums import ActionKind, ActionStatus, Attendance, NoteVisibility, ObjectiveStatus
from plans.models import Action, Appointment, Objective

router = Router(tags=["Plan d'action"])


def _user_or_none(user_id: int | None):
    return get_object_or_404(get_user_model(), pk=user_id) if user_id is not None else None


def _plan_item(request, queryset, pk: int):
    """An item of a person the user may see at all (404 otherwise), at Level.TEAM
    (403 for a prescriber)."""
    item = get_object_or_404(
        queryset.filter(person__in=Person.objects.visible_to(request.user)), pk=pk
    )
    access_person_api(request, item.person_id, needed=Level.TEAM)
    return item


# --- objectives ------------------------------------------------------------------------


class ObjectiveOut(Schema):
    id: int
    person_id: int
    pathway_id: int | None
    title: str
    is_employment: bool
    barrier_id: int | None
    status: ObjectiveStatus


class ObjectiveIn(Schema):
    title: Text(255, min_length=1)
    is_employment: bool = True
    barrier_id: Id | None = None
    organization_id: Id | None = None


@router.get(
    "/persons/{person_id}/objectives", response={200: list[ObjectiveOut], **errors(403, 404)}
)
@paginate(PageNumber)
def list_objectives(request, person_id: Id):
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    return selectors.person_objectives(request.user, person)


@router.post(
    "/persons/{person_id}/objectives", response={201: ObjectiveOut, **errors(400, 403, 404)}
)
def create_objective(request, person_id: Id, payload: ObjectiveIn):
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    organization = acting_organization(request, payload.organization_id)
    barrier = None
    if payload.barrier_id is not None:
        barrier = get_object_or_404(
            PersonBarrier.objects.visible_to(request.user), person=person, pk=payload.barrier_id
        )
    objective = services.objective_create(
        person=person,
        title=payload.title,
        is_employment=payload.is_employment,
        barrier=barrier,
        user=request.user,
        organization=organization,
        pathway=open_pathway_of(person, organization),
    )
    return Status(201, objective)


# --- actions ---------------------------------------------------------------------------


class ActionOut(Schema):
    id: int
    person_id: int
    objective_id: int | None
    kind: ActionKind
    title: str
    owner_id: int | None
    owner_service_id: int | None
    owner_is_person: bool
    due_on: date | None
    status: ActionStatus
    done_on: date | None


class ActionOwner(Schema):
    """One owner at most: a professional (`owner_id`), a partner service the person was
    referred to (`owner_service_id`) or the person (`owner_is_person`)."""

    owner_id: Id | None = None
    owner_service_id: Id | None = None
    owner_is_person: bool = False


class ActionIn(ActionOwner):
    kind: ActionKind
    title: Text(255, min_length=1)
    due_on: SafeDate | None = None
    objective_id: Id | None = None
    organization_id: Id | None = None


class ActionPatch(Schema):
    """The status, or the owner (`owner` then says who, as at creation), or both."""

    status: ActionStatus | None = None
    owner: ActionOwner | None = None


def _owner_arguments(owner: ActionOwner, *, default=None) -> dict:
    """The service's owner arguments; a user or a service that does not exist answers
    404, one that may not own the action 400 (`plans.owners.check_owner`)."""
    service = None
    if owner.owner_service_id is not None:
        service = get_object_or_404(Service, pk=owner.owner_service_id)
    user = _user_or_none(owner.owner_id)
    if user is None and service is None and not owner.owner_is_person:
        user = default
    return {"owner": user, "owner_service": service, "owner_is_person": owner.owner_is_person}


@router.get("/persons/{person_id}/actions", response={200: list[ActionOut], **errors(403, 404)})
@paginate(PageNumber)
def list_actions(request, person_id: Id, status: ActionStatus | None = None, mine: bool = False):
    """`mine=true`: the actions the user carries (or their organization's services)."""
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    actions = selectors.person_actions(request.user, person)
    if mine:
        actions = actions.filter(pk__in=selectors.actions_owned_by(request.user).values("pk"))
    return actions.filter(status=status) if status else actions


@router.get("/actions/mine", response={200: list[ActionOut]})
@paginate(PageNumber)
def list_my_actions(request, status: ActionStatus | None = None):
    """« Mes actions »: what the user carries, across people, whatever their level on
    them (a team member of another organization sees their own actions only)."""
    actions = selectors.actions_owned_by(request.user)
    return actions.filter(status=status) if status else actions


@router.post("/persons/{person_id}/actions", response={201: ActionOut, **errors(400, 403, 404)})
def create_action(request, person_id: Id, payload: ActionIn):
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    organization = acting_organization(request, payload.organization_id)
    objective = None
    if payload.objective_id is not None:
        objective = get_object_or_404(Objective, person=person, pk=payload.objective_id)
    action = services.action_create(
        person=person,
        kind=payload.kind,
        title=payload.title,
        due_on=payload.due_on,
        objective=objective,
        organization=organization,
        pathway=open_pathway_of(person, organization),
        actor=request.user,
        **_owner_arguments(payload, default=request.user),
    )
    return Status(201, action)


@router.patch("/actions/{action_id}", response={200: ActionOut, **errors(400, 403, 404)})
def update_action(request, action_id: Id, payload: ActionPatch):
    """The team changes the status or the owner; an owner who sees no more of the plan
    (« Mes actions ») changes the status of their own actions only."""
    owned = selectors.actions_owned_by(request.user).filter(pk=action_id).first()
    if owned is not None and payload.owner is None:
        action = owned
    else:
        action = _plan_item(request, Action.objects.all(), action_id)
    if payload.owner is not None:
        action = services.action_set_owner(
            action=action, actor=request.user, **_owner_arguments(payload.owner)
        )
    if payload.status is not None:
        action = services.action_set_status(
            action=action, status=payload.status, actor=request.user
        )
    return action


# --- appointments ----------------------------------------------------------------------


class AppointmentOut(Schema):
    id: int
    person_id: int
    at: datetime
    place: str
    with_user_id: int | None
    subject: str
    attendance: Attendance


class AppointmentIn(Schema):
    at: SafeDateTime
    subject: Text(255, min_length=1)
    place: Text(255) = ""
    with_user_id: Id | None = None
    organization_id: Id | None = None


class AppointmentPatch(Schema):
    attendance: Attendance


@router.get(
    "/persons/{person_id}/appointments",
    response={200: list[AppointmentOut], **errors(403, 404)},
)
@paginate(PageNumber)
def list_appointments(request, person_id: Id):
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    return selectors.person_appointments(request.user, person)


@router.post(
    "/persons/{person_id}/appointments",
    response={201: AppointmentOut, **errors(400, 403, 404)},
)
def create_appointment(request, person_id: Id, payload: AppointmentIn):
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    organization = acting_organization(request, payload.organization_id)
    appointment = services.appointment_create(
        person=person,
        at=payload.at,
        subject=payload.subject,
        place=payload.place,
        with_user=_user_or_none(payload.with_user_id) or request.user,
        organization=organization,
        pathway=open_pathway_of(person, organization),
        actor=request.user,
    )
    return Status(201, appointment)


@router.patch(
    "/appointments/{appointment_id}", response={200: AppointmentOut, **errors(400, 403, 404)}
)
def update_appointment(request, appointment_id: Id, payload: AppointmentPatch):
    appointment = _plan_item(request, Appointment.objects.all(), appointment_id)
    return services.appointment_set_attendance(
        appointment=appointment, attendance=payload.attendance, actor=request.user
    )


# --- notes -----------------------------------------------------------------------------


class NoteOut(Schema):
    id: int
    person_id: int
    text: str
    visibility: NoteVisibility
    author_id: int | None
    organization_id: int
    created_at: datetime


class NoteIn(Schema):
    text: Text(min_length=1)
    visibility: NoteVisibility = NoteVisibility.ORGANIZATION
    organization_id: Id | None = None


@router.get("/persons/{person_id}/notes", response={200: list[NoteOut], **errors(403, 404)})
@paginate(PageNumber)
def list_notes(request, person_id: Id):
    """Notes shared with the team, and the private notes of the user's organizations."""
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    return selectors.person_notes(request.user, person)


@router.post("/persons/{person_id}/notes", response={201: NoteOut, **errors(400, 403, 404)})
def create_note(request, person_id: Id, payload: NoteIn):
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    organization = acting_organization(request, payload.organization_id)
    note = services.note_create(
        person=person,
        text=payload.text,
        visibility=payload.visibility,
        author=request.user,
        organization=organization,
        pathway=open_pathway_of(person, organization),
    )
    return Status(201, note)
