"""Referrals in the API: the same facts and rules as the pages. A structure reads the
referrals addressed to it and those it sent; anyone else gets 404. Reading a received
referral marks it seen, as opening its page does."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from access.policy import Capability, active_memberships, membership_can
from api.pagination import PageNumber
from api.schemas import Choice, Id, SafeDate, Text, TransitionOut, errors
from jobs.models import Appellation
from pathways.eligibility import Criteria, Level1, Level2
from pathways.enums import PathwayKind
from pathways.models import EligibilityDiagnosis
from persons.access import Level, person_for
from plans.enums import DocumentKind
from plans.models import Document
from referrals import selectors, services
from referrals.access import (
    is_member_of_receiver,
    referral_as_receiver,
    referral_as_sender,
    referral_for,
)
from referrals.enums import Channel, ReferralState, RefusalReason

router = Router(tags=["Orientations"])


# --- schemas ----------------------------------------------------------------------------


class OrganizationRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: date | None = Field(description="Vide pour un dossier anonymisé")
    birth_year: int | None = Field(description="Seule l'année reste d'un dossier anonymisé")
    anonymised_at: datetime | None = Field(description="Date d'anonymisation du dossier")

    @staticmethod
    def resolve_birth_date(obj) -> date | None:
        # An anonymised file keeps the year only, stored as 1 January: not a date.
        return None if obj.is_anonymised else obj.birth_date

    @staticmethod
    def resolve_birth_year(obj) -> int | None:
        return obj.birth_date.year if obj.birth_date else None


class MilestonesOut(Schema):
    """The pathway opened by the acceptance, as the sender sees it: never notes or
    barriers."""

    id: int
    kind: str
    state: str
    state_label: str
    started_on: date
    in_employment: bool
    exit_category: str
    exit_category_label: str
    closed_on: date | None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_in_employment(obj) -> bool:
        return obj.state == "in_employment"

    @staticmethod
    def resolve_exit_category_label(obj) -> str:
        return obj.get_exit_category_display() if obj.exit_category else ""


class ReferralDiagnosisOut(Schema):
    id: int
    organization: OrganizationRef
    made_on: date
    valid_until: date
    is_valid: bool
    is_eligible: bool
    level1: list[str]
    level2: list[str]


class OfferRef(Schema):
    id: int
    title: str


class ReferralOut(Schema):
    id: int
    person: PersonRef
    channel: Choice(Channel)
    channel_label: str
    offer: OfferRef | None = Field(description="L'offre, pour une candidature sur une offre")
    from_organization: OrganizationRef | None
    to_organization: OrganizationRef
    motivation: str
    wanted_job_code: str | None = Field(None, alias="wanted_job_id")
    state: str
    state_label: str
    refusal_reason: str
    refusal_reason_label: str
    answer_comment: str
    sent_at: datetime | None
    seen_at: datetime | None
    answered_at: datetime | None
    age_days: int | None = Field(description="Jours depuis l'envoi")
    redirected_to_id: int | None
    eligibility_diagnosis_id: int | None
    eligibility_diagnosis: ReferralDiagnosisOut | None = Field(
        description="Qui l'a fait, quand, jusqu'à quand il vaut"
    )
    document_ids: list[int]
    pathway: MilestonesOut | None
    history: list[TransitionOut]

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_channel_label(obj) -> str:
        return obj.get_channel_display()

    @staticmethod
    def resolve_refusal_reason_label(obj) -> str:
        return obj.get_refusal_reason_display() if obj.refusal_reason else ""

    @staticmethod
    def resolve_document_ids(obj) -> list[int]:
        return [document.pk for document in obj.documents.all()]

    @staticmethod
    def resolve_history(obj) -> list:
        return list(obj.transitions.all())


class EligibilityCriteriaIn(Schema):
    """A new IAE eligibility diagnosis, made by an authorised prescriber as they refer."""

    level1: list[Choice(Level1)] = Field([], max_length=len(Level1))
    level2: list[Choice(Level2)] = Field([], max_length=len(Level2))
    made_on: SafeDate | None = Field(None, description="Par défaut aujourd'hui")


class ReferralIn(Schema):
    person_id: Id
    to_organization_id: Id
    motivation: Text(4000, min_length=1)
    from_organization_id: Id | None = Field(
        None, description="L'organisation pour laquelle vous orientez (par défaut la première)"
    )
    wanted_job_code: Text(6) | None = Field(None, description="Code de l'appellation ROME")
    eligibility_diagnosis_id: Id | None = Field(
        None, description="Un diagnostic d'éligibilité IAE de la personne encore valable"
    )
    eligibility_criteria: EligibilityCriteriaIn | None = Field(
        None,
        description="Ou un nouveau diagnostic, fait par un prescripteur habilité (France "
        "Travail, Cap emploi, mission locale, conseil départemental…) pour une orientation "
        "vers une SIAE ; la structure ne le refait pas.",
    )
    document_ids: list[Id] = Field([], max_length=50)


class ReferralDocumentOut(Schema):
    id: int
    kind: str
    name: str
    uploaded_at: datetime


class ReferralFilters(Schema):
    state: Choice(ReferralState, blank=True) = Field("", description="État de l'orientation")
    direction: Literal["", "sent", "received"] = Field(
        "", description="« sent » (envoyées) ou « received » (reçues)"
    )


class AcceptIn(Schema):
    referent_id: Id | None = Field(None, description="Par défaut, vous")
    kind: Choice(PathwayKind, blank=True) = Field(
        "", description="Type de parcours (par défaut selon la structure)"
    )
    comment: Text(2000) = ""


class RefuseIn(Schema):
    reason: Choice(RefusalReason)
    comment: Text(2000) = ""


class RedirectIn(Schema):
    to_organization_id: Id
    comment: Text(2000, min_length=1)


class WithdrawIn(Schema):
    comment: Text(2000) = ""


# --- helpers ----------------------------------------------------------------------------


def _with_details(referrals):
    return referrals.select_related(
        "person",
        "from_organization",
        "to_organization",
        "offer",
        "pathway",
        "eligibility_diagnosis__organization",
    ).prefetch_related("documents", "transitions__by")


def _referring_organization(user, organization_id: int | None):
    for membership in active_memberships(user):
        if organization_id is not None and membership.organization_id != organization_id:
            continue
        if membership_can(membership, Capability.REFER_PERSONS):
            return membership.organization
    raise PermissionDenied("Vous n'agissez pour aucune organisation qui peut orienter.")


# --- endpoints --------------------------------------------------------------------------


@router.get(
    "/referrals",
    response=list[ReferralOut],
    summary="Orientations envoyées et reçues",
    description="Celles que vos organisations ont envoyées et celles qui leur sont adressées, "
    "les plus récentes d'abord.",
)
@paginate(PageNumber)
def referral_list(request, filters: Query[ReferralFilters]):
    referrals = selectors.readable_referrals(request.user)
    organizations = [m.organization_id for m in active_memberships(request.user)]
    if filters.direction == "sent":
        referrals = referrals.filter(from_organization_id__in=organizations)
    elif filters.direction == "received":
        referrals = referrals.filter(to_organization_id__in=organizations)
    if filters.state:
        referrals = referrals.filter(state=filters.state)
    return _with_details(referrals).order_by("-sent_at", "-created_at", "-id")


@router.post(
    "/referrals",
    response={201: ReferralOut, **errors(400, 403, 404)},
    summary="Orienter une personne vers une structure",
    description="Crée et envoie l'orientation. Une seconde orientation en cours de la même "
    "personne vers la même structure est refusée (400).",
)
def referral_create(request, payload: ReferralIn):
    organization = _referring_organization(request.user, payload.from_organization_id)
    person, _ = person_for(request.user, payload.person_id, needed=Level.MILESTONES)
    structure = get_object_or_404(
        selectors.structures_taking_referrals(), pk=payload.to_organization_id
    )
    wanted_job = None
    if payload.wanted_job_code:
        wanted_job = Appellation.objects.filter(pk=payload.wanted_job_code).first()
        if wanted_job is None:
            raise ValidationError(f"Métier inconnu : « {payload.wanted_job_code} ».")
    diagnosis = None
    if payload.eligibility_diagnosis_id is not None:
        diagnosis = get_object_or_404(
            EligibilityDiagnosis, person=person, pk=payload.eligibility_diagnosis_id
        )
        if not diagnosis.is_valid:
            raise ValidationError(
                f"Ce diagnostic a expiré le {diagnosis.valid_until:%d/%m/%Y} : "
                "faites-en un nouveau (eligibility_criteria)."
            )
    criteria = None
    if payload.eligibility_criteria is not None:
        criteria = Criteria(**payload.eligibility_criteria.dict())
    documents = list(
        Document.objects.visible_to(request.user).filter(person=person, pk__in=payload.document_ids)
    )
    if len(documents) != len(set(payload.document_ids)):
        raise Http404
    referral = services.referral_create(
        person=person,
        to_organization=structure,
        motivation=payload.motivation,
        from_organization=organization,
        from_user=request.user,
        wanted_job=wanted_job,
        eligibility_diagnosis=diagnosis,
        eligibility_criteria=criteria,
        documents=documents,
    )
    return Status(201, referral_for(request.user, referral.pk))


@router.post(
    "/referrals/{referral_id}/documents",
    response={201: ReferralDocumentOut, **errors(400, 403, 404)},
    summary="Joindre un document à une orientation",
    description="Envoi `multipart/form-data` : `kind` (cv, identity, certificate, other) et "
    "`file` (PDF, JPG, PNG, DOCX ou ODT de 5 Mo au plus, vérifié sur son contenu). Par "
    "l'organisation qui oriente, tant que l'orientation attend sa réponse. La structure "
    "le lit une fois l'orientation acceptée, dans le dossier de la personne ; "
    "l'organisation qui oriente ne le relit pas.",
)
def referral_document_add(
    request, referral_id: Id, kind: Form[Choice(DocumentKind)], file: File[UploadedFile]
):
    referral = referral_as_sender(request.user, referral_id)
    document = services.referral_document_add(
        referral=referral, kind=kind, file=file, user=request.user
    )
    return Status(201, document)


@router.get(
    "/referrals/{referral_id}",
    response={200: ReferralOut, **errors(404)},
    summary="Une orientation",
)
def referral_detail(request, referral_id: Id):
    """La structure qui reçoit l'orientation la marque « vue » en la lisant."""
    referral = referral_for(request.user, referral_id)
    if is_member_of_receiver(request.user, referral):
        services.referral_mark_seen(referral=referral, user=request.user)
        referral = referral_for(request.user, referral_id)
    return referral


@router.post(
    "/referrals/{referral_id}/accept",
    response={200: ReferralOut, **errors(400, 403, 404)},
    summary="Accepter une orientation",
    description="Ouvre le parcours dans la structure (`pathway`).",
)
def referral_accept(request, referral_id: Id, payload: AcceptIn):
    referral = referral_as_receiver(request.user, referral_id)
    if payload.kind and payload.kind not in PathwayKind.values:
        raise ValidationError(f"Type de parcours inconnu : « {payload.kind} ».")
    referent = None
    if payload.referent_id is not None:
        membership = (
            referral.to_organization.memberships.active()
            .select_related("user")
            .filter(user_id=payload.referent_id)
            .first()
        )
        if membership is None:
            raise ValidationError(
                f"Le ou la référent·e doit être membre de {referral.to_organization}."
            )
        referent = membership.user
    services.referral_accept(
        referral=referral,
        user=request.user,
        referent=referent,
        kind=payload.kind,
        comment=payload.comment,
    )
    return referral_for(request.user, referral_id)


@router.post(
    "/referrals/{referral_id}/refuse",
    response={200: ReferralOut, **errors(400, 403, 404)},
    summary="Refuser",
)
def referral_refuse(request, referral_id: Id, payload: RefuseIn):
    referral = referral_as_receiver(request.user, referral_id)
    services.referral_refuse(
        referral=referral, user=request.user, reason=payload.reason, comment=payload.comment
    )
    return referral_for(request.user, referral_id)


@router.post(
    "/referrals/{referral_id}/redirect",
    response={200: ReferralOut, **errors(400, 403, 404)},
    summary="Réorienter vers une autre structure",
    description="La nouvelle orientation est `redirected_to_id` ; elle garde l'expéditeur.",
)
def referral_redirect(request, referral_id: Id, payload: RedirectIn):
    referral = referral_as_receiver(request.user, referral_id)
    target = get_object_or_404(selectors.redirect_targets(referral), pk=payload.to_organization_id)
    services.referral_redirect(
        referral=referral, user=request.user, to_organization=target, comment=payload.comment
    )
    return referral_for(request.user, referral_id)


@router.post(
    "/referrals/{referral_id}/withdraw",
    response={200: ReferralOut, **errors(400, 403, 404)},
    summary="Retirer",
)
def referral_withdraw(request, referral_id: Id, payload: WithdrawIn):
    referral = referral_as_sender(request.user, referral_id)
    services.referral_withdraw(referral=referral, user=request.user, comment=payload.comment)
    return referral_for(request.user, referral_id)
