"""Pathways in the API: the same facts as the « Parcours » tab, at the same level (a
prescriber sees milestones), and the same writes through the same services."""

from datetime import date
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from access.policy import Capability, active_memberships, membership_can, require
from api.pagination import PageNumber
from api.schemas import Choice, Id, SafeDate, Text, errors
from organizations.models import Organization
from pathways import services
from pathways.access import pathway_to_manage
from pathways.eligibility import Level1, Level2
from pathways.enums import (
    EntryChannel,
    ExitReason,
    PassChangeKind,
    PathwayKind,
    PathwayState,
    TeamRole,
)
from pathways.models import Pathway
from pathways.selectors import person_pathways, seat_view
from pathways.state_machine import MILESTONES
from persons.access import person_for
from persons.levels import Level
from persons.models import Person

router = Router(tags=["Parcours"])


# --- fetch and authorise ---------------------------------------------------------------


def access_person_api(request, person_id: int, *, needed: Level) -> tuple[Person, Level]:
    """`persons.access.person_for`, keeping the level on the request for the schemas."""
    person, level = person_for(request.user, person_id, needed=needed)
    request.person_level = level
    return person, level


def acting_organization(request, organization_id: int | None) -> Organization:
    """The organization the API user acts for: the one named, or their first that may
    follow people."""
    memberships = active_memberships(request.user)
    if organization_id is not None:
        membership = next((m for m in memberships if m.organization_id == organization_id), None)
    else:
        membership = next(
            (m for m in memberships if membership_can(m, Capability.FOLLOW_PERSONS)), None
        )
    if membership is None:
        raise PermissionDenied("Vous n'agissez pour aucune structure qui accompagne des personnes.")
    require(request.user, Capability.FOLLOW_PERSONS, membership.organization)
    return membership.organization


def _pathway_for_writing(request, pathway_id: int) -> Pathway:
    _, request.person_level, pathway = pathway_to_manage(request.user, pathway_id)
    return pathway


# --- schemas ---------------------------------------------------------------------------


def _team_level(context) -> bool:
    return getattr(context["request"], "person_level", Level.NONE) >= Level.TEAM


class PathwayTransitionOut(Schema):
    at: str
    from_state: str | None
    to_state: str
    to_state_label: str
    by: str | None
    comment: str | None


class PathwayOut(Schema):
    """At Level.MILESTONES the team-only fields are null and only milestone transitions
    are listed."""

    id: int
    person_id: int
    organization_id: int
    organization_name: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    started_on: date
    closed_on: date | None
    exit_category: str
    referent: str | None = None
    entry_channel: str | None = None
    prescriber_organization_id: int | None = None
    exit_reason: str | None = None
    pass_number: str | None = None
    pass_start: date | None = None
    pass_end: date | None = None
    previous_id: int | None = Field(
        None, description="Le parcours auquel celui-ci fait suite (un Sas IAE passé en IAE)."
    )
    sas_latest_end: date | None = Field(
        None, description="Pour un Sas IAE : le dernier jour qu'il peut durer (6 mois)."
    )
    transitions: list[PathwayTransitionOut]

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_state_label(obj):
        return obj.get_state_display()

    @staticmethod
    def resolve_referent(obj, context):
        if not _team_level(context) or obj.referent is None:
            return None
        return obj.referent.get_full_name() or str(obj.referent)

    @staticmethod
    def resolve_entry_channel(obj, context):
        return obj.entry_channel if _team_level(context) else None

    @staticmethod
    def resolve_prescriber_organization_id(obj, context):
        return obj.prescriber_organization_id if _team_level(context) else None

    @staticmethod
    def resolve_exit_reason(obj, context):
        return obj.exit_reason if _team_level(context) else None

    @staticmethod
    def resolve_pass_number(obj, context):
        return obj.pass_number if _team_level(context) else None

    @staticmethod
    def resolve_pass_start(obj, context):
        return obj.pass_start if _team_level(context) else None

    @staticmethod
    def resolve_pass_end(obj, context):
        return obj.pass_end if _team_level(context) else None

    @staticmethod
    def resolve_transitions(obj, context):
        team = _team_level(context)
        return [
            {
                "at": t.at.isoformat(),
                "from_state": t.from_state if team else None,
                "to_state": t.to_state,
                "to_state_label": t.get_to_state_display(),
                "by": (t.by.get_full_name() or str(t.by)) if team and t.by else None,
                "comment": t.comment if team else None,
            }
            for t in obj.transitions.all()
            if team or t.to_state in MILESTONES
        ]


class PathwayIn(Schema):
    person_id: Id
    kind: Choice(PathwayKind)
    referent_id: Id
    entry_channel: Choice(EntryChannel) = EntryChannel.WALK_IN
    prescriber_organization_id: Id | None = None
    started_on: SafeDate | None = None
    organization_id: Id | None = Field(
        None, description="La structure qui porte le parcours (par défaut : la vôtre)."
    )


class PathwayTransitionIn(Schema):
    to_state: Choice(PathwayState)
    exit_reason: Choice(ExitReason, blank=True) = Field(
        "", description="Sans effet : un parcours se clôt par POST /pathways/{id}/close."
    )
    comment: Text() = ""


class PassIn(Schema):
    number: Text(20, min_length=1) = Field(
        description="12 chiffres (par exemple 999992412345) ; les espaces sont acceptés."
    )
    start: SafeDate = Field(
        description="Premier jour ; la fin est calculée : deux ans moins un jour, sur le "
        "calendrier (un PASS commencé le 29 février finit le 28 février deux ans plus tard)."
    )


class KindCorrectionIn(Schema):
    kind: Choice(PathwayKind)
    reason: Text(255, min_length=1)


class SasHandoverIn(Schema):
    organization_id: Id = Field(description="La structure du parcours IAE (la même ou une autre).")
    started_on: SafeDate | None = None
    comment: Text(1000) = ""


class PassChangeIn(Schema):
    kind: Choice(PassChangeKind)
    start: SafeDate
    end: SafeDate
    reason: Text(255, min_length=1)


class PassChangeOut(Schema):
    id: int
    kind: str
    start: date
    end: date
    reason: str
    pass_end: date | None

    @staticmethod
    def resolve_pass_end(obj):
        return obj.pathway.pass_end


class TeamMemberIn(Schema):
    user_id: Id
    organization_id: Id
    role: Choice(TeamRole)
    access_until: SafeDate | None = None


class TeamMemberOut(Schema):
    id: int
    user_id: int
    organization_id: int
    role: str
    access_until: date | None
    level: Literal["team", "milestones", "none"] = Field(
        description="Ce que ce siège donne aujourd'hui, selon le type de son organisation : "
        "`team` tout le dossier (identité, contact, plan, notes, documents, chronologie ; "
        "freins si l'organisation y a droit), `milestones` les grandes étapes seulement "
        "(identité, étapes du parcours, entrée et sortie : un prescripteur), `none` plus "
        "rien (accès terminé ou organisation qui ne rejoint plus les équipes)."
    )
    level_label: str = Field(description="La même chose en français, pour l'affichage.")

    @staticmethod
    def resolve_level(obj):
        return seat_view(obj).name

    @staticmethod
    def resolve_level_label(obj):
        return seat_view(obj).label


class DiagnosisIn(Schema):
    level1: list[Choice(Level1)] = []
    level2: list[Choice(Level2)] = []
    made_on: SafeDate | None = None
    organization_id: Id | None = None


class DiagnosisOut(Schema):
    id: int
    organization_id: int
    structure_kind: str
    level1: list[str]
    level2: list[str]
    is_eligible: bool
    made_on: date
    valid_until: date


# --- endpoints -------------------------------------------------------------------------


@router.get(
    "/persons/{person_id}/pathways",
    response={200: list[PathwayOut], **errors(403, 404)},
    summary="Les parcours d'une personne",
)
@paginate(PageNumber)
def list_pathways(request, person_id: Id):
    person, level = access_person_api(request, person_id, needed=Level.MILESTONES)
    return person_pathways(request.user, person, level=level)


@router.get(
    "/pathways/{pathway_id}", response={200: PathwayOut, **errors(403, 404)}, summary="Un parcours"
)
def get_pathway(request, pathway_id: Id):
    pathway = get_object_or_404(Pathway.objects.visible_to(request.user), pk=pathway_id)
    person, level = access_person_api(request, pathway.person_id, needed=Level.MILESTONES)
    return person_pathways(request.user, person, level=level).get(pk=pathway.pk)


@router.post(
    "/pathways",
    response={201: PathwayOut, **errors(400, 403, 404)},
    summary="Ouvrir un parcours",
)
def open_pathway(request, payload: PathwayIn):
    person, _ = access_person_api(request, payload.person_id, needed=Level.TEAM)
    organization = acting_organization(request, payload.organization_id)
    referent = get_object_or_404(get_user_model(), pk=payload.referent_id)
    if not referent.memberships.active().filter(organization=organization).exists():
        raise PermissionDenied("Le·la référent·e doit être membre de la structure.")
    prescriber = None
    if payload.prescriber_organization_id is not None:
        prescriber = get_object_or_404(Organization, pk=payload.prescriber_organization_id)
    pathway = services.pathway_open(
        person=person,
        organization=organization,
        kind=payload.kind,
        referent=referent,
        user=request.user,
        entry_channel=payload.entry_channel,
        prescriber_organization=prescriber,
        started_on=payload.started_on,
    )
    return Status(201, pathway)


@router.post(
    "/pathways/{pathway_id}/transitions",
    response={200: PathwayOut, **errors(400, 403, 404)},
    summary="Faire passer le parcours à l'étape suivante",
)
def transition_pathway(request, pathway_id: Id, payload: PathwayTransitionIn):
    """Every move but the exit: closing is `POST /pathways/{id}/close`, which proposes
    the exit from the facts and asks why when another is chosen."""
    pathway = _pathway_for_writing(request, pathway_id)
    if payload.to_state == PathwayState.CLOSED:
        raise ValidationError(
            f"Un parcours se clôt par POST /api/v1/pathways/{pathway.pk}/close : la sortie "
            "y est proposée d'après les faits, ou choisie avec override_reason."
        )
    services.pathway_transition(
        pathway=pathway,
        to_state=payload.to_state,
        exit_reason=payload.exit_reason,
        comment=payload.comment,
        user=request.user,
    )
    return Pathway.objects.get(pk=pathway.pk)


@router.post(
    "/pathways/{pathway_id}/pass",
    response={200: PathwayOut, **errors(400, 403, 404)},
    summary="Renseigner le PASS IAE",
)
def set_pass(request, pathway_id: Id, payload: PassIn):
    pathway = _pathway_for_writing(request, pathway_id)
    return services.pass_set(
        pathway=pathway, number=payload.number, start=payload.start, actor=request.user
    )


@router.post(
    "/pathways/{pathway_id}/pass-changes",
    response={201: PassChangeOut, **errors(400, 403, 404)},
    summary="Suspendre ou prolonger le PASS IAE",
)
def add_pass_change(request, pathway_id: Id, payload: PassChangeIn):
    pathway = _pathway_for_writing(request, pathway_id)
    change = services.pass_change_add(pathway=pathway, user=request.user, **payload.dict())
    return Status(201, change)


@router.post(
    "/pathways/{pathway_id}/team",
    response={201: TeamMemberOut, **errors(400, 403, 404)},
    summary="Ajouter un·e professionnel·le à l'équipe",
)
def add_team_member(request, pathway_id: Id, payload: TeamMemberIn):
    pathway = _pathway_for_writing(request, pathway_id)
    user = get_object_or_404(get_user_model(), pk=payload.user_id)
    organization = get_object_or_404(Organization, pk=payload.organization_id)
    member = services.team_member_add(
        pathway=pathway,
        user=user,
        organization=organization,
        role=payload.role,
        access_until=payload.access_until,
        actor=request.user,
    )
    return Status(201, member)


@router.post(
    "/persons/{person_id}/eligibility-diagnoses",
    response={201: DiagnosisOut, **errors(400, 403, 404)},
    summary="Enregistrer un diagnostic d'éligibilité IAE",
)
def diagnose(request, person_id: Id, payload: DiagnosisIn):
    person, _ = access_person_api(request, person_id, needed=Level.TEAM)
    organization = acting_organization(request, payload.organization_id)
    diagnosis = services.eligibility_diagnose(
        person=person,
        organization=organization,
        author=request.user,
        structure_kind=organization.kind,
        level1=payload.level1,
        level2=payload.level2,
        made_on=payload.made_on,
    )
    return Status(201, diagnosis)


@router.post(
    "/pathways/{pathway_id}/kind",
    response={200: PathwayOut, **errors(400, 403, 404)},
    summary="Corriger le type d'un parcours",
)
def correct_kind(request, pathway_id: Id, payload: KindCorrectionIn):
    pathway = _pathway_for_writing(request, pathway_id)
    return services.pathway_kind_correct(
        pathway=pathway, kind=payload.kind, reason=payload.reason, actor=request.user
    )


@router.post(
    "/pathways/{pathway_id}/sas-handover",
    response={201: PathwayOut, **errors(400, 403, 404)},
    summary="Passer le relais d'un Sas IAE à un parcours IAE",
)
def hand_over(request, pathway_id: Id, payload: SasHandoverIn):
    """Clôt le Sas IAE (sortie « entrée en parcours IAE ») et ouvre le parcours IAE qui
    lui fait suite, dans la même structure ou une autre."""
    pathway = _pathway_for_writing(request, pathway_id)
    organization = get_object_or_404(Organization, pk=payload.organization_id)
    following = services.sas_handover(
        pathway=pathway,
        to_organization=organization,
        on=payload.started_on,
        comment=payload.comment,
        actor=request.user,
    )
    return Status(201, following)
