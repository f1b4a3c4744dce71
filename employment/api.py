"""Contracts in the API: the same facts and writes as the contract pages, through the
same services, scoped the same way (the holding structure, the person at Level.TEAM;
a stranger gets 404). And the employer's link, public like its page: the token in the
path is the only key, and the answer holds the employer's view only."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

import pydantic
from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from api.schemas import Choice, Email, Id, SafeDate, Text, errors
from audit.reads import log_sensitive_read
from companies.models import Company
from employment import employer_link, selectors, services
from employment.access import contract_to_manage, side_to_manage
from employment.enums import (
    COUNSELLOR_CHANNELS,
    EMPLOYER_ISSUES,
    BreakReason,
    ChangeKind,
    ContractType,
    HowItGoes,
    Issue,
)
from lib import rate_limit
from organizations.models import Organization
from pathways.access import pathway_to_manage
from pathways.enums import ExitReason

router = Router(tags=["Emploi"])

Hours = Annotated[Decimal, Field(gt=0, le=48, max_digits=4, decimal_places=1)]


# --- schemas ---------------------------------------------------------------------------


class ContractIn(Schema):
    pathway_id: Id
    company_siret: Text(14) | None = Field(
        None, description="L'entreprise du registre (ou `organization_id`)."
    )
    organization_id: Id | None = Field(None, description="Un employeur inclusif (SIAE, GEIQ, EBE).")
    contract_type: Choice(ContractType)
    start_date: SafeDate
    end_date: SafeDate | None = Field(description="`null` pour un contrat sans terme (CDI).")
    hours_per_week: Hours
    trial_end: SafeDate | None = None
    is_iae: bool | None = Field(
        None, description="Par défaut : un CDDI chez un employeur inclusif."
    )


class ChangeIn(Schema):
    kind: Choice(ChangeKind)
    effective_on: SafeDate
    end_date: SafeDate | None = None
    hours_per_week: Hours | None = None
    comment: Text() = ""


class BreakIn(Schema):
    reason: Choice(BreakReason)
    on: SafeDate
    comment: Text() = ""


class SideIn(Schema):
    done_on: SafeDate
    channel: Literal[tuple(c.value for c in COUNSELLOR_CHANNELS)]
    how_it_goes: Choice(HowItGoes)
    issues: list[Choice(Issue)] = []
    actions: Text() = ""
    serious: bool = False


class CloseIn(Schema):
    exit_reason: Choice(ExitReason, blank=True) = Field(
        "", description="Vide : la sortie est calculée d'après le dernier contrat."
    )
    override_reason: Text() = Field(
        "", description="Obligatoire pour choisir une autre sortie que celle des faits."
    )
    review_note: Text() = Field(
        "",
        description="Quelques mots au prescripteur, joints au bilan de fin de parcours "
        "(rien de la santé ni de la situation personnelle).",
    )


class CloseOut(Schema):
    pathway_id: int
    exit_reason: str
    exit_category: str
    computed: bool
    state: str = Field(description="`post_exit` : le suivi après sortie est prévu.")
    post_exit_check_due_on: date | None
    review_sent: bool = Field(description="Un bilan est parti au prescripteur qui a orienté.")


class SideOut(Schema):
    id: int
    side: str
    planned_on: date
    done_on: date | None
    channel: str
    how_it_goes: str
    issues: list[str]
    actions: str
    serious: bool
    comment: str
    link_sent_to: str
    link_sent_at: datetime | None


class TeamSideOut(SideOut):
    """A side with its checkpoint: the team's list of what is due."""

    checkpoint_id: int
    step: str
    step_label: str

    @staticmethod
    def resolve_step(obj):
        return obj.checkpoint.step

    @staticmethod
    def resolve_step_label(obj):
        return obj.checkpoint.get_step_display()


class EmployerLinkIn(Schema):
    email: Email = Field(
        "",
        description="Vide : le contact connu (la dernière adresse saisie, la mise en relation…).",
    )


class EmployerAnswerIn(Schema):
    how_it_goes: Choice(HowItGoes)
    issues: list[Literal[tuple(i.value for i in EMPLOYER_ISSUES)]] = Field(
        [], description="Sur le poste seulement."
    )
    serious: bool = False
    comment: Text(services.COMMENT_MAX) = ""


class EmployerCardOut(Schema):
    """What the employer reads behind its link: never the person's file."""

    employee: str
    job: str
    contract_type: str
    employer: str
    start_date: date
    step: str
    step_label: str
    planned_on: date
    structure: str
    answered_on: date | None
    how_it_goes: str
    issues: list[str]
    serious: bool
    comment: str
    expires_at: datetime


class RetentionOut(Schema):
    months: int
    on: date
    retained: str = Field(description="`yes`, `no` ou `not_yet` (date pas encore atteinte)")
    label: str


class CheckpointOut(Schema):
    id: int
    step: str
    step_label: str
    planned_on: date
    sides: list[SideOut]

    @staticmethod
    def resolve_step_label(obj):
        return obj.get_step_display()

    @staticmethod
    def resolve_sides(obj):
        return list(obj.sides.all())


class ChangeOut(Schema):
    id: int
    kind: str
    effective_on: date
    before: dict
    after: dict
    comment: str


class ContractOut(Schema):
    id: int
    pathway_id: int
    person_id: int
    company_siret: str | None
    organization_id: int | None = Field(alias="employer_organization_id")
    employer_name: str
    offer_id: int | None
    introduction_id: int | None
    contract_type: str
    start_date: date
    end_date: date | None
    hours_per_week: float
    trial_end: date | None
    is_iae: bool
    pass_number: str
    state: str
    state_label: str
    ended_on: date | None
    break_reason: str
    changes: list[ChangeOut]
    checkpoints: list[CheckpointOut]
    retention: list[RetentionOut]

    @staticmethod
    def resolve_company_siret(obj):
        return obj.company.siret if obj.company_id else None

    @staticmethod
    def resolve_employer_name(obj):
        return str(obj.employer)

    @staticmethod
    def resolve_state_label(obj):
        return obj.get_state_display()

    @staticmethod
    def resolve_changes(obj):
        return list(obj.changes.all())

    @staticmethod
    def resolve_checkpoints(obj):
        return list(obj.checkpoints.all())

    @staticmethod
    def resolve_retention(obj):
        return selectors.retention_of(obj)


# --- endpoints -------------------------------------------------------------------------


def _full(contract):
    return selectors.contracts_of(contract.pathway).get(pk=contract.pk)


def _employer(payload: ContractIn) -> dict:
    if (payload.company_siret is None) == (payload.organization_id is None):
        raise ValidationError(
            "Indiquez l'employeur : `company_siret` ou `organization_id`, l'un des deux."
        )
    if payload.company_siret is not None:
        company = Company.objects.filter(siret=payload.company_siret.replace(" ", "")).first()
        if company is None:
            raise ValidationError("Aucune entreprise du registre n'a ce SIRET.")
        return {"company": company}
    organization = Organization.objects.filter(pk=payload.organization_id).first()
    if organization is None:
        raise ValidationError("Aucun employeur inclusif ne porte cet identifiant.")
    return {"employer_organization": organization}


@router.post(
    "/contracts",
    response={201: ContractOut, **errors(400, 403, 404)},
    summary="Enregistrer un contrat (le parcours passe « en emploi »)",
)
def create_contract(request, payload: ContractIn):
    _, _, pathway = pathway_to_manage(request.user, payload.pathway_id)
    contract = services.contract_create(
        pathway=pathway,
        user=request.user,
        contract_type=payload.contract_type,
        start_date=payload.start_date,
        end_date=payload.end_date,
        hours_per_week=payload.hours_per_week,
        trial_end=payload.trial_end,
        is_iae=payload.is_iae,
        **_employer(payload),
    )
    return Status(201, _full(contract))


@router.get(
    "/pathways/{pathway_id}/contracts",
    response={200: list[ContractOut], **errors(403, 404)},
    summary="Les contrats d'un parcours",
)
def list_contracts(request, pathway_id: Id):
    _, _, pathway = pathway_to_manage(request.user, pathway_id)
    return list(selectors.contracts_of(pathway))


@router.get(
    "/contracts/{contract_id}",
    response={200: ContractOut, **errors(403, 404)},
    summary="Un contrat, ses changements et son suivi",
)
def get_contract(request, contract_id: Id):
    _, _, contract = contract_to_manage(request.user, contract_id)
    return _full(contract)


@router.post(
    "/contracts/{contract_id}/changes",
    response={201: ChangeOut, **errors(400, 403, 404)},
    summary="Enregistrer un changement (renouvellement, passage en CDI, horaire)",
)
def change_contract(request, contract_id: Id, payload: ChangeIn):
    _, _, contract = contract_to_manage(request.user, contract_id)
    change = services.contract_change(contract=contract, user=request.user, **payload.dict())
    return Status(201, change)


@router.post(
    "/contracts/{contract_id}/break",
    response={200: ContractOut, **errors(400, 403, 404)},
    summary="Déclarer une rupture avant le terme (le parcours reprend)",
)
def break_contract(request, contract_id: Id, payload: BreakIn):
    _, _, contract = contract_to_manage(request.user, contract_id)
    services.contract_break(contract=contract, user=request.user, **payload.dict())
    return _full(contract)


@router.put(
    "/contracts/{contract_id}/checkpoint-sides/{side_id}",
    response={200: SideOut, **errors(400, 403, 404)},
    summary="Enregistrer un côté d'un point de suivi (salarié·e ou employeur)",
)
def record_side(request, contract_id: Id, side_id: Id, payload: SideIn):
    _, _, contract = contract_to_manage(request.user, contract_id)
    side = side_to_manage(request.user, side_id, contract=contract)
    return services.checkpoint_side_record(side=side, user=request.user, **payload.dict())


@router.get(
    "/contracts/{contract_id}/checkpoint-sides",
    response={200: list[TeamSideOut], **errors(403, 404)},
    summary="Les côtés des points de suivi d'un contrat (salarié·e et employeur)",
)
def list_sides(request, contract_id: Id):
    _, _, contract = contract_to_manage(request.user, contract_id)
    return list(selectors.sides_of(contract))


@router.post(
    "/contracts/{contract_id}/checkpoint-sides/{side_id}/employer-link",
    response={200: TeamSideOut, **errors(400, 403, 404)},
    summary="Envoyer à l'employeur le lien pour répondre à son côté (sans compte)",
)
def send_employer_link(request, contract_id: Id, side_id: Id, payload: EmployerLinkIn):
    _, _, contract = contract_to_manage(request.user, contract_id)
    side = side_to_manage(request.user, side_id, contract=contract)
    return services.employer_link_send(side=side, user=request.user, email=payload.email)


# Per address and minute, as the link's page.
LINK_LIMIT = 30


def _employer_side(request, token: str):
    if rate_limit.address_over_limit(request, "employer-follow-up", limit=LINK_LIMIT):
        raise HttpError(429, "Trop de demandes : réessayez dans une minute.")
    found = employer_link.read(token)
    if found is None:
        raise Http404
    if found.expired:
        raise HttpError(
            410,
            "Ce lien a expiré ou un lien plus récent l'a remplacé : "
            f"contactez {found.side.checkpoint.contract.pathway.organization}.",
        )
    return found.side


def _card(side) -> dict:
    return {**employer_link.employer_card(side), "expires_at": employer_link.expires_at(side)}


@router.get(
    "/follow-up-links/{token}",
    auth=None,
    response={200: EmployerCardOut, **errors(404, 410, 429)},
    summary="Le point de suivi ouvert par le lien envoyé à l'employeur (sans authentification)",
)
def employer_link_read(request, token: Text(1000)):
    side = _employer_side(request, token)
    log_sensitive_read(
        user=request.user,
        person=side.checkpoint.contract.person,
        what=f"Point de suivi n° {side.checkpoint_id} lu par l'API du lien envoyé à "
        f"{side.link_sent_to}",
        organization=side.checkpoint.contract.pathway.organization,
        path=request.path[:40],
    )
    return _card(side)


@router.post(
    "/follow-up-links/{token}",
    auth=None,
    response={200: EmployerCardOut, **errors(400, 404, 410, 429)},
    summary="La réponse de l'employeur à son côté du point de suivi (sans authentification)",
    description="Une seule fois : un point déjà fait refuse toute autre réponse (400).",
)
def employer_link_answer(request, token: Text(1000), payload: EmployerAnswerIn):
    side = _employer_side(request, token)
    services.employer_side_answer(side=side, **payload.dict())
    return _card(employer_link.read(token).side)  # as recorded


def _close_payload(request) -> CloseIn:
    """The body is optional (none: the exit is computed), which ninja's body parameter
    does not allow (it refuses an empty body): read here, refused as any bad body."""
    if request.content_type != "application/json" or not request.body.strip():
        return CloseIn()
    try:
        return CloseIn.model_validate_json(request.body)
    except pydantic.ValidationError as error:
        raise NinjaValidationError(
            [
                {"loc": ["body", "payload", *e["loc"]], "msg": e["msg"], "type": e["type"]}
                for e in error.errors(include_url=False)
            ]
        ) from None


@router.post(
    "/pathways/{pathway_id}/close",
    response={200: CloseOut, **errors(400, 403, 404)},
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": CloseIn.model_json_schema()}},
        }
    },
    summary="Clore le parcours : sortie calculée d'après les faits, ou choisie avec un motif",
)
def close_pathway(request, pathway_id: Id):
    _, _, pathway = pathway_to_manage(request.user, pathway_id)
    payload = _close_payload(request)
    pathway, computed = services.pathway_close(
        pathway=pathway,
        user=request.user,
        exit_reason=payload.exit_reason,
        override_reason=payload.override_reason,
        review_note=payload.review_note,
    )
    check = pathway.post_exit_checks.pending().last()
    return {
        "pathway_id": pathway.pk,
        "exit_reason": pathway.exit_reason,
        "exit_category": pathway.exit_category,
        "computed": computed,
        "state": pathway.state,
        "post_exit_check_due_on": check.due_on if check else None,
        "review_sent": pathway.exit_reviews.filter(closed_on=pathway.closed_on).exists(),
    }
