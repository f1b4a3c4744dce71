"""Companies, the organization's relations with them, and immersions in the API: the
same facts and rules as the pages. The register is shared; club, tags, contacts and the
contact log belong to the organization that records them (`visible_to`); immersions are
seen by the team that follows the person.

The API has no session: it acts for the user's first organization that relates with
companies (or follows people, for immersions)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from access.policy import Capability, active_memberships, membership_can
from api.pagination import PageNumber
from api.schemas import Choice, Email, Id, PatchSchema, SafeDate, Text, errors
from companies import selectors, services
from companies.access import OWNED, may_edit_identity, owns, proposal_for
from companies.enums import ContactKind, Engagement, ExchangeKind, ProposalState
from companies.models import (
    ChangeProposal,
    ClubMembership,
    Company,
    Contact,
    ContactLogEntry,
    SizeBand,
)
from companies.naf import DIVISIONS
from immersions import services as immersion_services
from immersions.enums import Objective, Outcome
from immersions.models import Immersion
from immersions.selectors import person_immersions
from jobs.models import Appellation
from lib.geo import SEARCH_RADII_KM, check_search_radius
from persons.access import person_for
from persons.models import Person
from territories.models import Commune

router = Router(tags=["Entreprises"])


def _organization(user, capability=Capability.RELATE_WITH_COMPANIES):
    for membership in active_memberships(user):
        if membership_can(membership, capability):
            return membership.organization
    raise PermissionDenied("Votre organisation ne gère pas de relations avec les entreprises.")


def _company(user, company_id: int) -> Company:
    return get_object_or_404(
        Company.objects.visible_to(user).select_related("commune"), pk=company_id
    )


def _commune(code: str | None):
    if not code:
        return None
    commune = Commune.objects.filter(pk=code).first()
    if commune is None:
        raise ValidationError(f"Commune inconnue : « {code} ».")
    return commune


# --- the register -----------------------------------------------------------------------


class CompanyOut(Schema):
    id: int
    siret: str
    name: str
    naf_code: str
    naf_label: str
    size_band: str
    commune: str = Field(description="Code INSEE")
    commune_name: str
    address: str
    website: str
    is_employer_group: bool
    club_engagement: str | None = Field(None, description="Engagement dans votre club")

    @staticmethod
    def resolve_commune(obj) -> str:
        return obj.commune_id

    @staticmethod
    def resolve_commune_name(obj) -> str:
        return obj.commune.name


class CompanyIn(Schema):
    siret: Text(14, min_length=1)
    name: Text(255, min_length=1)
    naf_code: Text(6) = ""
    naf_label: Text(255) = ""
    size_band: Choice(SizeBand, blank=True) = ""
    commune: Text(5, min_length=1) = Field(description="Code INSEE")
    address: Text(255) = ""
    website: Text(200) = ""
    is_employer_group: bool = False


class CompanyPatch(PatchSchema):
    siret: Text(14, min_length=1) = None
    name: Text(255, min_length=1) = None
    naf_code: Text(6) = None
    naf_label: Text(255) = None
    size_band: Choice(SizeBand, blank=True) = None
    commune: Text(5, min_length=1) = None
    address: Text(255) = None
    website: Text(200) = None
    is_employer_group: bool = None


class CompanySearch(Schema):
    q: Text(100) = Field("", description="Mots du nom (accents ignorés) ou début du SIRET")
    secteur: Text(2) = Field("", description="Division NAF à 2 chiffres, par exemple 52")
    commune: Text(5) = Field("", description="Code INSEE")
    rayon: int = Field(20, description=f"Rayon en km : {', '.join(map(str, SEARCH_RADII_KM))}")
    club: bool = Field(False, description="Seulement les membres de votre club")
    etiquette: Text(50) = ""
    a_relancer: bool = Field(False, description="Avec une prochaine étape à faire")


@router.get(
    "/companies",
    response={200: list[CompanyOut], **errors(400, 403)},
    summary="Rechercher une entreprise",
)
@paginate(PageNumber)
def company_list(request, filters: Query[CompanySearch]):
    organization = _organization(request.user)
    if filters.secteur and filters.secteur not in DIVISIONS:
        raise ValidationError(f"Division NAF inconnue : « {filters.secteur} ».")
    check_search_radius(filters.rayon)
    return selectors.company_search(
        request.user,
        organization,
        q=filters.q,
        division=filters.secteur,
        commune=_commune(filters.commune),
        radius_km=filters.rayon,
        club_only=filters.club,
        tag=filters.etiquette,
        due_only=filters.a_relancer,
    )


def _one(request, company_id: int):
    organization = _organization(request.user)
    return selectors.company_search(request.user, organization).get(pk=company_id)


@router.get(
    "/companies/{company_id}",
    response={200: CompanyOut, **errors(403, 404)},
    summary="Une entreprise",
)
def company_detail(request, company_id: Id):
    _company(request.user, company_id)
    return _one(request, company_id)


def _company_data(payload: dict) -> dict:
    data = {k: v for k, v in payload.items() if v is not None}
    if "commune" in data:
        data["commune"] = _commune(data["commune"]) or None
        if data["commune"] is None:
            raise ValidationError("Indiquez la commune de l'entreprise.")
    return data


def _duplicate(error: services.DuplicateCompany):
    return Status(
        409, {"detail": " ".join(error.messages), "existing_company_id": error.company.pk}
    )


class CompanyDuplicateOut(Schema):
    detail: str
    existing_company_id: int


@router.post(
    "/companies",
    response={201: CompanyOut, 409: CompanyDuplicateOut, **errors(400, 403)},
    summary="Ajouter une entreprise au registre",
    description="Un SIRET déjà enregistré répond 409 avec l'identifiant de l'entreprise.",
)
def company_create(request, payload: CompanyIn):
    _organization(request.user)
    try:
        company = services.company_create(data=_company_data(payload.dict()))
    except services.DuplicateCompany as error:
        return _duplicate(error)
    return Status(201, _one(request, company.pk))


@router.patch(
    "/companies/{company_id}",
    response={200: CompanyOut, 409: CompanyDuplicateOut, **errors(400, 403, 404)},
    summary="Modifier une entreprise",
)
def company_update(request, company_id: Id, payload: CompanyPatch):
    company = _company(request.user, company_id)
    if owns(request.user, company):
        organization = company.organization
    else:
        organization = _organization(request.user)
        if not may_edit_identity(request.user, company):
            raise PermissionDenied(OWNED.format(company=company.name))
    try:
        services.company_update(
            company=company,
            data=_company_data(payload.dict()),
            user=request.user,
            organization=organization,
        )
    except services.DuplicateCompany as error:
        return _duplicate(error)
    if owns(request.user, company):  # the owner keeps no club: the register's facts only
        return _company(request.user, company.pk)
    return _one(request, company.pk)


# --- changes proposed to a company that owns its record --------------------------------


class ProposalIn(CompanyPatch):
    comment: Text(500) = Field("", description="Message à l'entreprise")


class ProposalOut(Schema):
    id: int
    company_id: int
    state: str
    state_label: str
    organization: str = Field(description="L'organisation qui propose")
    changes: dict[str, list] = Field(
        description="Par champ : [valeur lors de la proposition, valeur proposée] "
        "(la commune par son code INSEE)"
    )
    comment: str
    reason: str = Field(description="Motif du refus")
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.name


class ProposalMoveIn(Schema):
    to_state: Choice(ProposalState) = Field(description="accepted ou refused")
    reason: Text(500) = Field("", description="Motif du refus, obligatoire pour refused")


def _proposals(user, company):
    return (
        ChangeProposal.objects.visible_to(user)
        .filter(company=company)
        .select_related("organization")
    )


@router.get(
    "/companies/{company_id}/proposals",
    response={200: list[ProposalOut], **errors(403, 404)},
    summary="Les propositions de modification d'une entreprise",
    description="L'entreprise qui a son compte les voit toutes ; une structure, les siennes.",
)
@paginate(PageNumber)
def proposal_list(request, company_id: Id):
    company = _company(request.user, company_id)
    if not owns(request.user, company):
        _organization(request.user)
    return _proposals(request.user, company)


@router.post(
    "/companies/{company_id}/proposals",
    response={201: ProposalOut, 409: CompanyDuplicateOut, **errors(400, 403, 404)},
    summary="Proposer une modification à une entreprise qui a son compte",
    description="La fiche d'une entreprise qui a son compte sur Parcours est la sienne : "
    "les structures proposent, l'entreprise accepte ou refuse.",
)
def proposal_create(request, company_id: Id, payload: ProposalIn):
    organization = _organization(request.user)
    company = _company(request.user, company_id)
    data = payload.dict()
    comment = data.pop("comment", "") or ""
    try:
        proposal = services.proposal_create(
            company=company,
            organization=organization,
            user=request.user,
            data=_company_data(data),
            comment=comment,
        )
    except services.DuplicateCompany as error:
        return _duplicate(error)
    return Status(201, _proposals(request.user, company).get(pk=proposal.pk))


@router.post(
    "/companies/{company_id}/proposals/{proposal_id}/transitions",
    response={200: ProposalOut, **errors(400, 403, 404)},
    summary="Accepter ou refuser une proposition de modification",
    description="Réservé à l'entreprise qui a son compte. Accepter applique les valeurs "
    "proposées à la fiche ; refuser demande un motif.",
)
def proposal_transition(request, company_id: Id, proposal_id: Id, payload: ProposalMoveIn):
    company = _company(request.user, company_id)
    proposal = proposal_for(request.user, company, proposal_id)
    if payload.to_state == ProposalState.ACCEPTED:
        services.proposal_accept(proposal=proposal, user=request.user)
    elif payload.to_state == ProposalState.REFUSED:
        services.proposal_refuse(proposal=proposal, user=request.user, reason=payload.reason)
    else:
        raise ValidationError("Choisissez : accepted ou refused.")
    return _proposals(request.user, company).get(pk=proposal.pk)


# --- the organization's relations -------------------------------------------------------


class ClubIn(Schema):
    engagement: Choice(Engagement)
    since: SafeDate | None = None


class ClubOut(Schema):
    company_id: int
    engagement: str
    engagement_label: str
    since: date

    @staticmethod
    def resolve_engagement_label(obj) -> str:
        return obj.get_engagement_display()


@router.post(
    "/companies/{company_id}/club",
    response={200: ClubOut, **errors(400, 403, 404)},
    summary="Mettre l'entreprise dans votre club, ou changer son engagement",
)
def club_join(request, company_id: Id, payload: ClubIn):
    organization = _organization(request.user)
    company = _company(request.user, company_id)
    if payload.engagement not in Engagement.values:
        raise ValidationError(f"Engagement possible : {', '.join(Engagement.values)}.")
    return services.club_join(
        organization=organization,
        company=company,
        engagement=payload.engagement,
        since=payload.since,
    )


@router.get(
    "/companies/{company_id}/club",
    response={200: ClubOut, **errors(403, 404)},
    summary="L'entreprise dans votre club",
)
def club_detail(request, company_id: Id):
    organization = _organization(request.user)
    company = _company(request.user, company_id)
    return get_object_or_404(
        ClubMembership.objects.visible_to(request.user).of(organization), company=company
    )


class ContactOut(Schema):
    id: int
    company_id: int
    name: str
    role: str
    kind: str
    phone: str
    email: str


class ContactIn(Schema):
    name: Text(150, min_length=1)
    role: Text(150) = ""
    kind: Choice(ContactKind) = ContactKind.PROXIMITY_MANAGER
    phone: Text(30) = ""
    email: Email = ""


@router.get(
    "/companies/{company_id}/contacts",
    response={200: list[ContactOut], **errors(403, 404)},
    summary="Vos contacts dans l'entreprise",
)
@paginate(PageNumber)
def contact_list(request, company_id: Id):
    organization = _organization(request.user)
    company = _company(request.user, company_id)
    return Contact.objects.visible_to(request.user).of(organization).filter(company=company)


@router.post(
    "/companies/{company_id}/contacts",
    response={201: ContactOut, **errors(400, 403, 404)},
    summary="Ajouter un contact dans l'entreprise",
)
def contact_create(request, company_id: Id, payload: ContactIn):
    organization = _organization(request.user)
    company = _company(request.user, company_id)
    contact = services.contact_create(
        organization=organization, company=company, data=payload.dict()
    )
    return Status(201, contact)


class LogEntryOut(Schema):
    id: int
    company_id: int
    kind: str
    occurred_on: date
    contact_id: int | None
    by: str | None
    summary: str
    next_step: str
    next_step_due: date | None
    next_step_done: bool
    created_at: datetime

    @staticmethod
    def resolve_by(obj) -> str | None:
        return str(obj.by) if obj.by_id else None


class LogEntryIn(Schema):
    kind: Choice(ExchangeKind)
    occurred_on: SafeDate | None = None
    contact_id: Id | None = None
    summary: Text(min_length=1)
    next_step: Text(255) = ""
    next_step_due: SafeDate | None = None


@router.get(
    "/companies/{company_id}/contact-log",
    response={200: list[LogEntryOut], **errors(403, 404)},
    summary="Vos échanges avec l'entreprise, du plus récent au plus ancien",
)
@paginate(PageNumber)
def log_list(request, company_id: Id):
    organization = _organization(request.user)
    company = _company(request.user, company_id)
    return selectors.company_log(request.user, organization, company)


@router.post(
    "/companies/{company_id}/contact-log",
    response={201: LogEntryOut, **errors(400, 403, 404)},
    summary="Noter un échange avec l'entreprise",
)
def log_create(request, company_id: Id, payload: LogEntryIn):
    organization = _organization(request.user)
    company = _company(request.user, company_id)
    if payload.kind not in ExchangeKind.values:
        raise ValidationError(f"Type d'échange possible : {', '.join(ExchangeKind.values)}.")
    data = payload.dict(exclude={"contact_id"})
    if payload.contact_id is not None:
        data["contact"] = get_object_or_404(
            Contact.objects.visible_to(request.user).of(organization),
            company=company,
            pk=payload.contact_id,
        )
    entry = services.log_entry_create(
        organization=organization, company=company, user=request.user, data=data
    )
    return Status(201, ContactLogEntry.objects.select_related("by").get(pk=entry.pk))


# --- immersions -------------------------------------------------------------------------


class ImmersionOut(Schema):
    id: int
    person_id: int
    company_id: int
    company_name: str
    start_on: date
    end_on: date
    objective: str
    appellation: str | None = Field(description="Code de l'appellation ROME")
    tutor_contact_id: int | None
    tutor_name: str
    assessment: str
    rating_skills: int | None
    rating_attitude: int | None
    rating_motivation: int | None
    outcome: str
    # The host's end assessment (`immersions.services.host_assessment_record`).
    host_attendance: int | None
    host_attitude: int | None
    host_skills: str
    host_to_work_on: str
    host_comment: str
    host_hire_prospect: str = Field(description="Embauche possible : yes, maybe, no ou vide")
    host_assessed_at: datetime | None

    @staticmethod
    def resolve_company_name(obj) -> str:
        return obj.company.name

    @staticmethod
    def resolve_appellation(obj) -> str | None:
        return obj.appellation_id


class ImmersionIn(Schema):
    person_id: Id
    company_id: Id
    start_on: SafeDate
    end_on: SafeDate
    objective: Choice(Objective)
    appellation: Text(6) | None = None
    tutor_contact_id: Id | None = None
    tutor_name: Text(150) = ""


class ImmersionPatch(PatchSchema):
    start_on: SafeDate = None
    end_on: SafeDate = None
    objective: Choice(Objective) = None
    tutor_name: Text(150) = None
    assessment: Text() = None
    rating_skills: int | None = Field(None, ge=1, le=4)
    rating_attitude: int | None = Field(None, ge=1, le=4)
    rating_motivation: int | None = Field(None, ge=1, le=4)
    outcome: Choice(Outcome, blank=True) = None


def _team_person(request, person_id: int) -> Person:
    person, _ = person_for(
        request.user,
        person_id,
        refusal="Seule l'équipe qui accompagne la personne voit ses immersions.",
    )
    return person


@router.get(
    "/persons/{person_id}/immersions",
    response={200: list[ImmersionOut], **errors(403, 404)},
    summary="Les immersions d'une personne",
)
@paginate(PageNumber)
def immersion_list(request, person_id: Id):
    person = _team_person(request, person_id)
    return person_immersions(request.user, person)


@router.post(
    "/immersions",
    response={201: ImmersionOut, **errors(400, 403, 404)},
    summary="Organiser une immersion",
)
def immersion_create(request, payload: ImmersionIn):
    organization = _organization(request.user, Capability.FOLLOW_PERSONS)
    person = _team_person(request, payload.person_id)
    company = _company(request.user, payload.company_id)
    if payload.objective not in Objective.values:
        raise ValidationError(f"Objectif possible : {', '.join(Objective.values)}.")
    data = payload.dict(include={"start_on", "end_on", "objective", "tutor_name"})
    data["company"] = company
    if payload.appellation:
        data["appellation"] = get_object_or_404(Appellation, pk=payload.appellation)
    if payload.tutor_contact_id is not None:
        data["tutor_contact"] = get_object_or_404(
            Contact.objects.visible_to(request.user), company=company, pk=payload.tutor_contact_id
        )
    immersion = immersion_services.immersion_create(
        person=person, organization=organization, user=request.user, data=data
    )
    return Status(201, immersion)


@router.patch(
    "/immersions/{immersion_id}",
    response={200: ImmersionOut, **errors(400, 403, 404)},
    summary="Modifier une immersion ou noter son bilan",
)
def immersion_update(request, immersion_id: Id, payload: ImmersionPatch):
    immersion = get_object_or_404(
        Immersion.objects.visible_to(request.user).select_related("company"), pk=immersion_id
    )
    _team_person(request, immersion.person_id)
    data = payload.dict(exclude_unset=True)
    if data.get("outcome") and data["outcome"] not in Outcome.values:
        raise ValidationError(f"Suite possible : {', '.join(Outcome.values)}.")
    if data.get("objective") and data["objective"] not in Objective.values:
        raise ValidationError(f"Objectif possible : {', '.join(Objective.values)}.")
    immersion_services.immersion_update(immersion=immersion, user=request.user, data=data)
    return Immersion.objects.select_related("company").get(pk=immersion.pk)
