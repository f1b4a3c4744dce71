"""Cooperation in the API: working groups, their action sheets (and their moves),
partnerships and their phases. The same services and scope as the pages: a group is
read and written by its organizations, a partnership by its parties and its
facilitator; anything else answers 404. A partnership's crossing and results are
counts: an employer party never reads a person here."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from api.pagination import PageNumber
from api.schemas import Choice, Id, PatchSchema, SafeDate, Text, TransitionOut, errors
from cooperation import selectors, services
from cooperation.access import (
    group_for,
    group_to_run,
    partnership_for,
    require_group_coordinator,
    sheet_for,
)
from cooperation.enums import GroupRole, Phase, SheetState
from cooperation.forms import PRIORITY_MAX, GroupEditForm, group_form_initial
from cooperation.models import ActionSheet, Partnership, WorkingGroup
from cooperation.state_machine import SHEET_LIFECYCLE, next_phases
from events.models import Event
from organizations.models import Organization

router = Router(tags=["Coopération"])


# --- schemas ---------------------------------------------------------------------------


class GroupMemberOut(Schema):
    user_id: int
    name: str
    role: str = Field(description="organizer (anime le groupe) ou participant")

    @staticmethod
    def resolve_name(obj):
        return obj.user.get_full_name() or obj.user.email


class WorkingGroupOut(Schema):
    id: int
    name: str
    description: str
    epci_code: str | None = Field(description="Le bassin d'emploi : code SIREN de l'EPCI")
    epci_name: str
    commune_codes: list[str]
    lead_organization_id: int
    organization_ids: list[int]
    priorities: list[str]
    meeting_ids: list[int] = Field(description="Ses réunions : des événements de l'agenda")
    members: list[GroupMemberOut] = Field(description="Ses participant·es et leur rôle")

    @staticmethod
    def resolve_epci_code(obj):
        return obj.epci_id

    @staticmethod
    def resolve_epci_name(obj):
        return obj.epci.name if obj.epci_id else ""

    @staticmethod
    def resolve_commune_codes(obj):
        return [c.pk for c in obj.communes.all()]

    @staticmethod
    def resolve_organization_ids(obj):
        return sorted(o.pk for o in obj.organizations.all())

    @staticmethod
    def resolve_priorities(obj):
        return [p.title for p in obj.priorities.all()]

    @staticmethod
    def resolve_meeting_ids(obj):
        return [e.pk for e in obj.meetings.all()]

    @staticmethod
    def resolve_members(obj):
        return list(obj.people.all())


class GroupMeetingIn(Schema):
    event_id: Id = Field(description="Un événement que votre organisation organise")


class GroupMemberIn(Schema):
    user_id: Id = Field(description="Une personne d'une organisation membre du groupe")
    role: Choice(GroupRole) = GroupRole.PARTICIPANT


class WorkingGroupPatch(PatchSchema):
    """A field left out is left unchanged; the rest is checked as the page's form (the
    EPCI, communes and organizations among those of your organizations' area)."""

    name: Text(200, min_length=1) = None
    description: Text() = None
    epci_code: Text(9) | None = Field(None, description="Code SIREN de l'EPCI, ou null")
    commune_codes: list[Text(5)] = Field(None, max_length=500)
    organization_ids: list[Id] = Field(
        None, max_length=500, description="L'organisation qui anime le groupe en reste membre"
    )
    priorities: list[Text(PRIORITY_MAX, min_length=1)] = Field(None, max_length=50)


class SheetActionOut(Schema):
    id: int
    title: str
    owner_organization_id: int
    due_on: date | None
    status: str


class ActionSheetOut(Schema):
    id: int
    group_id: int
    title: str
    objective: str
    problem: str
    expected_indicators: str
    priority: str
    lead_organization_id: int
    due_on: date | None
    state: str
    state_label: str
    moves: list[str] = Field(description="Les états où la fiche peut passer")
    events_text: str
    event_ids: list[int] = Field(description="Les événements de l'agenda auxquels elle mène")
    partnership_ids: list[int]
    actions: list[SheetActionOut]
    transitions: list[TransitionOut]

    @staticmethod
    def resolve_priority(obj):
        return obj.priority.title if obj.priority_id else ""

    @staticmethod
    def resolve_state_label(obj):
        return obj.get_state_display()

    @staticmethod
    def resolve_moves(obj):
        return [to for to, _ in SHEET_LIFECYCLE.options(obj.state)]

    @staticmethod
    def resolve_event_ids(obj):
        return [e.pk for e in obj.events.all()]

    @staticmethod
    def resolve_partnership_ids(obj):
        return [p.pk for p in obj.partnerships.all()]

    @staticmethod
    def resolve_actions(obj):
        return list(obj.actions.all())

    @staticmethod
    def resolve_transitions(obj):
        return list(obj.transitions.all())


class ActionSheetIn(Schema):
    title: Text(200, min_length=1)
    objective: Text(min_length=1)
    lead_organization_id: Id = Field(description="Une organisation membre du groupe")
    problem: Text() = ""
    expected_indicators: Text() = ""
    due_on: SafeDate | None = None
    event_ids: list[Id] = Field(
        [],
        max_length=100,
        description="Les réunions du groupe, les événements de ses organisations",
    )
    partnership_ids: list[Id] = Field(
        [], max_length=100, description="Les partenariats de ses organisations"
    )
    events_text: Text() = Field("", description="Autres suites (en mots)")


class ActionSheetMoveIn(Schema):
    to_state: Choice(SheetState)
    comment: Text(1000) = ""


class CrossingRowOut(Schema):
    code: str = Field(description="Famille de métiers (ROME)")
    name: str
    offers: int = Field(description="Offres publiées par l'employeur (ou ses entreprises)")
    people: int = Field(description="Personnes suivies par la structure qui la souhaitent")


class PartnershipResultsOut(Schema):
    introductions: int
    immersions: int
    hires: int


class PartnershipOut(Schema):
    id: int
    kind: str
    employer_id: int
    employer_name: str
    structure_id: int
    structure_name: str
    facilitator_id: int | None
    started_on: date
    phase: str
    phase_label: str
    next_phases: list[str]
    days_committed: Decimal
    days_used: Decimal
    tensions: list[str]
    tensions_notes: str
    subsidy_amount: Decimal | None
    subsidy_status: str
    phases: list[TransitionOut] = Field(description="Chaque phase atteinte, datée, ses notes")

    @staticmethod
    def resolve_employer_name(obj):
        return obj.employer.name

    @staticmethod
    def resolve_structure_name(obj):
        return obj.structure.name

    @staticmethod
    def resolve_phase_label(obj):
        return obj.get_phase_display()

    @staticmethod
    def resolve_next_phases(obj):
        return [to for to, _ in next_phases(obj.kind, obj.phase)]

    @staticmethod
    def resolve_phases(obj):
        return list(obj.transitions.all())


class PartnershipDetailOut(PartnershipOut):
    crossing: list[CrossingRowOut]
    results: PartnershipResultsOut

    @staticmethod
    def resolve_crossing(obj):
        return [row.__dict__ for row in selectors.crossing(obj)]

    @staticmethod
    def resolve_results(obj):
        return selectors.results(obj).__dict__


class PartnershipPhaseIn(Schema):
    to_phase: Choice(Phase)
    on: SafeDate | None = Field(None, description="La date de la phase (aujourd'hui sinon)")
    notes: Text(2000) = ""


# --- endpoints -------------------------------------------------------------------------

_GROUP_RELATED = ("communes", "organizations", "priorities", "meetings", "people__user")
_SHEET_RELATED = ("actions", "transitions__by", "partnerships", "events")


def _group(group: WorkingGroup) -> WorkingGroup:
    return (
        WorkingGroup.objects.select_related("epci")
        .prefetch_related(*_GROUP_RELATED)
        .get(pk=group.pk)
    )


def _sheet(sheet: ActionSheet) -> ActionSheet:
    return (
        ActionSheet.objects.select_related("priority")
        .prefetch_related(*_SHEET_RELATED)
        .get(pk=sheet.pk)
    )


def _partnership(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_related("employer", "structure")
        .prefetch_related("transitions__by")
        .get(pk=partnership.pk)
    )


@router.get(
    "/working-groups",
    response=list[WorkingGroupOut],
    summary="Les groupes de travail de vos organisations",
)
@paginate(PageNumber)
def working_group_list(request, q: Text(100) = ""):
    return selectors.groups_of(request.user, search=q).prefetch_related(*_GROUP_RELATED)


@router.get(
    "/working-groups/{group_id}",
    response={200: WorkingGroupOut, **errors(404)},
    summary="Un groupe de travail : son bassin, ses organisations, ses priorités",
)
def working_group_detail(request, group_id: Id):
    return _group(group_for(request.user, group_id))


_FORM_NAMES = {
    "epci_code": "epci",
    "commune_codes": "communes",
    "organization_ids": "organizations",
}


def _group_form_data(group: WorkingGroup, changes: dict) -> dict:
    """The edit form's data: the group as it stands, the changes laid on it."""
    data = group_form_initial(group)
    for name, value in changes.items():
        data[_FORM_NAMES.get(name, name)] = value
    if isinstance(data["priorities"], list):
        data["priorities"] = "\n".join(data["priorities"])
    data["epci"] = data["epci"] or ""
    return data


@router.patch(
    "/working-groups/{group_id}",
    response={200: WorkingGroupOut, **errors(400, 403, 404)},
    summary="Modifier un groupe de travail (l'organisation qui l'anime)",
    description="Nom, bassin (EPCI ou communes), priorités (dans l'ordre ; une priorité "
    "qui a des fiches-action reste), organisations membres (une organisation qui pilote "
    "une fiche ou porte une action reste). Chaque changement est dans l'historique.",
)
def working_group_update(request, group_id: Id, payload: WorkingGroupPatch):
    group = group_for(request.user, group_id)
    require_group_coordinator(request.user, group)
    changes = payload.dict(exclude_unset=True)
    form = GroupEditForm(_group_form_data(group, changes), user=request.user, group=group)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    services.group_update(group=group, user=request.user, **form.service_arguments())
    return _group(group)


@router.post(
    "/working-groups/{group_id}/meetings",
    response={200: WorkingGroupOut, **errors(400, 403, 404)},
    summary="Faire d'un événement de l'agenda une réunion du groupe",
    description="Un événement que votre organisation organise, ni annulé ni déjà relié. "
    "Pour l'organisation qui coordonne le groupe et les personnes qui l'animent.",
)
def working_group_meeting_add(request, group_id: Id, payload: GroupMeetingIn):
    group = group_to_run(request.user, group_id)
    event = Event.objects.filter(pk=payload.event_id).first()
    if event is None:
        return Status(400, {"detail": "Choisissez un événement que votre organisation organise."})
    services.group_meeting_add(group=group, user=request.user, event=event)
    return _group(group)


@router.delete(
    "/working-groups/{group_id}/meetings/{event_id}",
    response={204: None, **errors(400, 403, 404)},
    summary="Retirer une réunion du groupe (l'événement reste dans l'agenda)",
)
def working_group_meeting_remove(request, group_id: Id, event_id: Id):
    group = group_to_run(request.user, group_id)
    event = group.meetings.filter(pk=event_id).first()
    if event is None:
        raise Http404
    services.group_meeting_remove(group=group, user=request.user, event=event)
    return Status(204, None)


@router.post(
    "/working-groups/{group_id}/members",
    response={200: WorkingGroupOut, **errors(400, 403, 404)},
    summary="Ajouter une personne au groupe (qui participe, ou qui l'anime)",
    description="Une personne d'une organisation membre du groupe. Pour l'organisation qui "
    "coordonne le groupe et les personnes qui l'animent.",
)
def working_group_member_add(request, group_id: Id, payload: GroupMemberIn):
    group = group_to_run(request.user, group_id)
    person = get_user_model().objects.filter(pk=payload.user_id).first()
    if person is None:
        return Status(
            400, {"detail": "Choisissez une personne d'une organisation membre du groupe."}
        )
    services.group_member_add(group=group, user=request.user, person=person, role=payload.role)
    return _group(group)


@router.delete(
    "/working-groups/{group_id}/members/{user_id}",
    response={204: None, **errors(400, 403, 404)},
    summary="Retirer une personne du groupe (la dernière qui l'anime reste)",
)
def working_group_member_remove(request, group_id: Id, user_id: Id):
    group = group_to_run(request.user, group_id)
    member = group.people.select_related("user").filter(user_id=user_id).first()
    if member is None:
        raise Http404
    services.group_member_remove(group=group, user=request.user, member=member)
    return Status(204, None)


@router.get(
    "/working-groups/{group_id}/action-sheets",
    response={200: list[ActionSheetOut], **errors(404)},
    summary="Les fiches-action d'un groupe de travail",
)
@paginate(PageNumber)
def action_sheet_list(request, group_id: Id, state: Choice(SheetState, blank=True) = ""):
    group = group_for(request.user, group_id)
    sheets = (
        ActionSheet.objects.filter(group=group)
        .select_related("priority")
        .prefetch_related(*_SHEET_RELATED)
        .order_by("due_on", "id")
    )
    return sheets.filter(state=state) if state else sheets


@router.post(
    "/working-groups/{group_id}/action-sheets",
    response={201: ActionSheetOut, **errors(400, 403, 404)},
    summary="Écrire une fiche-action du groupe",
)
def action_sheet_create(request, group_id: Id, payload: ActionSheetIn):
    group = group_for(request.user, group_id)
    lead = Organization.objects.filter(pk=payload.lead_organization_id).first()
    if lead is None:
        return Status(400, {"detail": "L'organisation pilote doit être membre du groupe."})
    events = list(Event.objects.filter(pk__in=payload.event_ids))
    partnerships = list(Partnership.objects.filter(pk__in=payload.partnership_ids))
    if len(events) != len(set(payload.event_ids)):
        return Status(400, {"detail": "Choisissez les événements parmi ceux du groupe."})
    if len(partnerships) != len(set(payload.partnership_ids)):
        return Status(400, {"detail": "Choisissez les partenariats parmi ceux du groupe."})
    sheet = services.sheet_create(
        group=group,
        user=request.user,
        lead_organization=lead,
        events=events,
        partnerships=partnerships,
        **payload.dict(exclude={"lead_organization_id", "event_ids", "partnership_ids"}),
    )
    return Status(201, _sheet(sheet))


@router.get(
    "/action-sheets/{sheet_id}",
    response={200: ActionSheetOut, **errors(404)},
    summary="Une fiche-action, ses actions et son historique",
)
def action_sheet_detail(request, sheet_id: Id):
    return _sheet(sheet_for(request.user, sheet_id))


@router.post(
    "/action-sheets/{sheet_id}/moves",
    response={200: ActionSheetOut, **errors(400, 403, 404)},
    summary="Faire avancer une fiche-action (lancer, marquer comme faite, abandonner…)",
)
def action_sheet_move(request, sheet_id: Id, payload: ActionSheetMoveIn):
    sheet = sheet_for(request.user, sheet_id)
    services.sheet_move(
        sheet=sheet, user=request.user, to_state=payload.to_state, comment=payload.comment
    )
    return _sheet(sheet)


@router.get(
    "/partnerships",
    response=list[PartnershipOut],
    summary="Les partenariats de vos organisations",
)
@paginate(PageNumber)
def partnership_list(request, phase: Choice(Phase, blank=True) = ""):
    return selectors.partnerships_of(request.user, phase=phase).prefetch_related("transitions__by")


@router.get(
    "/partnerships/{partnership_id}",
    response={200: PartnershipDetailOut, **errors(404)},
    summary="Un partenariat : ses phases, ses jours, le croisement offres et souhaits "
    "(des nombres), ses résultats",
)
def partnership_detail(request, partnership_id: Id):
    return _partnership(partnership_for(request.user, partnership_id))


@router.post(
    "/partnerships/{partnership_id}/phases",
    response={200: PartnershipDetailOut, **errors(400, 403, 404)},
    summary="Faire passer un partenariat à sa phase suivante (ou y mettre fin)",
)
def partnership_advance(request, partnership_id: Id, payload: PartnershipPhaseIn):
    partnership = partnership_for(request.user, partnership_id)
    services.partnership_advance(
        partnership=partnership,
        user=request.user,
        to_phase=payload.to_phase,
        on=payload.on,
        notes=payload.notes,
    )
    return _partnership(partnership)
