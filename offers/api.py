"""Offers and introductions in the API: the same facts and rules as the pages. Offers are
scoped by `JobOffer.objects.managed_by` (published ones are read by anybody through the
public endpoint); an employer reads the people introduced to it through the same reduced
view as its space — never barriers, health or notes."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from access.policy import Capability, active_memberships, membership_can
from api.pagination import MAX_PAGE, PageNumber, page_of_cards
from api.schemas import Choice, Id, PatchSchema, SafeDate, Text, errors
from companies.models import Company
from jobs.models import Appellation, RomeFamily
from lib.counted_page import counted_page
from lib.geo import SEARCH_RADII_KM, check_search_radius
from offers import interest_answers, services, state_machine
from offers.access import (
    interest_for_employer,
    introduction_for,
    introduction_for_employer,
    introduction_for_structure,
    offer_for,
)
from offers.employer_view import candidate_card, interest_card
from offers.enums import (
    ContractType,
    DeclineReason,
    InterestAnswer,
    IntroductionState,
    OfferState,
    PayUnit,
    PhysicalDemand,
    PublicTransport,
    SchedulePattern,
)
from offers.models import Introduction, JobOffer
from offers.offer_requests import requests_of
from offers.selectors import (
    board_search,
    candidates_by_id,
    candidates_for_employer,
    employer_introductions,
    interests_for_employer,
    offers_for_list,
)
from persons.access import Level, person_for
from referrals.enums import Channel
from territories.models import Commune

router = Router(tags=["Offres"])

CONFIRM_DESCRIPTION = (
    "Un texte lu par l'employeur qui parle de santé, de handicap, de justice, d'allocation, "
    "de logement ou de situation familiale est refusé (422, mots trouvés dans "
    "`sensitive_words`) ; "
    "`true` confirme qu'il ne contient aucune information de ce genre sur la personne."
)
# The bounds of the offer form.
Hours = Annotated[int, Field(ge=1, le=48)]
Months = Annotated[int, Field(ge=1, le=60)]
Positions = Annotated[int, Field(ge=1, le=500)]
Pay = Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)]


class OfferOut(Schema):
    id: int
    title: str
    text: str
    state: str
    state_label: str
    company: str
    company_siret: str
    appellation: str = Field(description="Code de l'appellation ROME")
    appellation_name: str
    rome: str
    commune: str = Field(description="Code INSEE du lieu de travail")
    commune_name: str
    address: str
    tasks: str
    skills: str
    schedule_patterns: list[str]
    hours_per_week: int | None
    physical_demands: list[str]
    driving_licence_required: bool
    vehicle_required: bool
    written_french_required: bool
    public_transport: str
    contract_type: str
    duration_months: int | None
    start_date: date | None
    positions: int
    pay_min: Decimal | None
    pay_max: Decimal | None
    pay_unit: str
    open_to_beginners: bool
    training_provided: bool
    open_to_iae: bool
    immersion_possible: bool
    published_at: datetime | None
    last_updated_at: datetime

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_company(obj) -> str:
        return obj.company.name

    @staticmethod
    def resolve_company_siret(obj) -> str:
        return obj.company.siret

    @staticmethod
    def resolve_appellation(obj) -> str:
        return obj.appellation_id

    @staticmethod
    def resolve_appellation_name(obj) -> str:
        return obj.appellation.name

    @staticmethod
    def resolve_rome(obj) -> str:
        return obj.appellation.rome_id

    @staticmethod
    def resolve_commune(obj) -> str:
        return obj.commune_id

    @staticmethod
    def resolve_commune_name(obj) -> str:
        return obj.commune.name


class OfferIn(Schema):
    company_siret: Text(14) | None = Field(
        None, description="L'employeur (registre des entreprises) ; vide : votre entreprise"
    )
    organization_id: Id | None = Field(None, description="L'organisation qui porte l'offre")
    appellation: Text(10)
    commune: Text(5)
    address: Text(255) = ""
    tasks: Text(min_length=1)
    skills: Text() = ""
    schedule_patterns: list[Choice(SchedulePattern)] = []
    hours_per_week: Hours | None = None
    physical_demands: list[Choice(PhysicalDemand)] = []
    driving_licence_required: bool = False
    vehicle_required: bool = False
    written_french_required: bool = False
    public_transport: Choice(PublicTransport, blank=True) = ""
    contract_type: Choice(ContractType, blank=True) = ""
    duration_months: Months | None = None
    start_date: SafeDate | None = None
    positions: Positions = 1
    pay_min: Pay | None = None
    pay_max: Pay | None = None
    pay_unit: Choice(PayUnit) = PayUnit.MONTHLY
    open_to_beginners: bool = False
    training_provided: bool = False
    open_to_iae: bool = False
    immersion_possible: bool = False


class OfferPatch(PatchSchema):
    appellation: Text(10) = None
    commune: Text(5) = None
    address: Text(255) = None
    tasks: Text(min_length=1) = None
    skills: Text() = None
    schedule_patterns: list[Choice(SchedulePattern)] = None
    hours_per_week: Hours | None = None
    physical_demands: list[Choice(PhysicalDemand)] = None
    driving_licence_required: bool = None
    vehicle_required: bool = None
    written_french_required: bool = None
    public_transport: Choice(PublicTransport, blank=True) = None
    contract_type: Choice(ContractType, blank=True) = None
    duration_months: Months | None = None
    start_date: SafeDate | None = None
    positions: Positions = None
    pay_min: Pay | None = None
    pay_max: Pay | None = None
    pay_unit: Choice(PayUnit) = None
    open_to_beginners: bool = None
    training_provided: bool = None
    open_to_iae: bool = None
    immersion_possible: bool = None
    title: Text(200) | None = Field(None, description="Texte retouché : avec `text`")
    text: Text() | None = None


class OfferTransitionIn(Schema):
    to_state: Choice(OfferState) = Field(description="published, paused, filled ou closed")
    comment: Text(255) = Field("", description="Lu par l'employeur dans l'historique de l'offre")
    confirm_sensitive_words: bool = Field(False, description=CONFIRM_DESCRIPTION)
    hired_introduction_id: int | None = Field(
        None,
        description="Pour « filled » : la mise en relation de la personne embauchée (en cours "
        "ou déjà embauchée) ; une mise en relation en cours passe à « hired ».",
    )
    filled_elsewhere: bool = Field(
        False, description="Pour « filled » : pourvue par une personne non présentée"
    )


def _offers(user):
    return JobOffer.objects.managed_by(user).select_related("company", "commune", "appellation")


def _managed_offer(user, offer_id: int) -> JobOffer:
    return offer_for(user, offer_id, manage=True)


def _resolve(data: dict) -> dict:
    if "appellation" in data:
        appellation = Appellation.objects.filter(pk=data["appellation"]).first()
        if appellation is None:
            raise ValidationError(f"Appellation inconnue : « {data['appellation']} ».")
        data["appellation"] = appellation
    if "commune" in data:
        commune = Commune.objects.filter(pk=data["commune"]).first()
        if commune is None:
            raise ValidationError(f"Commune inconnue : « {data['commune']} ».")
        data["commune"] = commune
    return data


@router.get("/offers", response=list[OfferOut], summary="Offres gérées par vos organisations")
@paginate(PageNumber)
def offer_list(
    request, state: Text(10) = "", appellation: Text(10) = "", company_siret: Text(14) = ""
):
    """Les offres que vos organisations portent, ont rédigées avec l'employeur, ou qui
    sont celles de votre entreprise ; filtres par état, appellation et SIRET."""
    offers = offers_for_list(request.user, state=state if state in OfferState.values else "")
    if appellation:
        offers = offers.filter(appellation_id=appellation)
    if company_siret:
        offers = offers.filter(company__siret=company_siret)
    return offers


@router.get(
    "/offers/{offer_id}", response={200: OfferOut, **errors(404)}, summary="Une offre gérée"
)
def offer_detail(request, offer_id: Id):
    return offer_for(request.user, offer_id, manage=False)


class OfferReferralRequestOut(Schema):
    """A « candidature sur une offre » addressed to one of your structures."""

    id: int = Field(description="L'orientation (GET /referrals/{id})")
    received_at: datetime = Field(alias="created_at")
    channel: Choice(Channel)
    channel_label: str
    state: str
    state_label: str
    to_organization: str
    person_id: int
    person_name: str

    @staticmethod
    def resolve_channel_label(obj) -> str:
        return obj.get_channel_display()

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_to_organization(obj) -> str:
        return obj.to_organization.name

    @staticmethod
    def resolve_person_name(obj) -> str:
        return str(obj.person)


class OfferInterestOut(Schema):
    """An interest left for the employer: the fields of
    `offers.employer_view.INTEREST_FIELDS`, and nothing else."""

    id: int
    created_at: datetime
    offer_title: str
    first_name: str
    last_name: str
    commune_name: str
    phone: str
    email: str
    message: str
    answer: str = Field(description="contacted, interview, no_follow_up ; vide tant qu'elle attend")
    answer_label: str


class OfferRequestsOut(Schema):
    referrals: list[OfferReferralRequestOut] = Field(
        description="Les candidatures adressées à vos structures"
    )
    interests: list[OfferInterestOut] = Field(
        description="Les marques d'intérêt laissées à l'employeur"
    )


@router.get(
    "/offers/{offer_id}/requests",
    response={200: OfferRequestsOut, **errors(404)},
    summary="Les demandes reçues sur une offre gérée (« Je suis intéressé·e »)",
    description="Une même personne (même adresse ou même téléphone) qui se redit "
    "intéressée par la même offre dans les 30 jours rejoint sa première demande.",
)
def offer_requests(request, offer_id: Id):
    offer = offer_for(request.user, offer_id, manage=False)
    return requests_of(request.user, offer)


@router.post(
    "/offers",
    response={201: OfferOut, **errors(400, 403)},
    summary="Créer une offre (brouillon)",
)
def offer_create(request, payload: OfferIn):
    membership = next(
        (
            m
            for m in active_memberships(request.user)
            if membership_can(m, Capability.MANAGE_OFFERS)
            and (payload.organization_id is None or m.organization_id == payload.organization_id)
        ),
        None,
    )
    if membership is None:
        raise PermissionDenied("Votre organisation ne publie pas d'offres d'emploi.")
    organization = membership.organization
    data = payload.dict(exclude={"company_siret", "organization_id"})
    if payload.company_siret:
        company = Company.objects.visible_to(request.user).filter(siret=payload.company_siret)
        company = company.first()
        if company is None:
            raise ValidationError(f"Entreprise inconnue du registre : {payload.company_siret}.")
    else:
        company = services.employer_company_of(organization)
    offer = services.offer_create(
        organization=organization, user=request.user, company=company, data=_resolve(data)
    )
    return Status(201, offer)


@router.patch(
    "/offers/{offer_id}",
    response={200: OfferOut, **errors(400, 403, 404)},
    summary="Modifier une offre",
)
def offer_update(request, offer_id: Id, payload: OfferPatch):
    offer = _managed_offer(request.user, offer_id)
    data = payload.dict(exclude_unset=True)
    title, text = data.pop("title", None), data.pop("text", None)
    if data:
        offer = services.offer_update(offer=offer, user=request.user, data=_resolve(data))
    if title is not None or text is not None:
        offer = services.offer_set_text(
            offer=offer, user=request.user, title=title or "", text=text or ""
        )
    return _offers(request.user).get(pk=offer.pk)


@router.post(
    "/offers/{offer_id}/transitions",
    response={200: OfferOut, **errors(400, 403, 404)},
    summary="Changer l'état d'une offre",
    openapi_extra={"responses": {422: {"description": "Mots sensibles dans le commentaire"}}},
    description="Brouillon → publiée → en pause → pourvue → clôturée (et publiée → "
    "pourvue ou clôturée, en pause → publiée ou clôturée). « filled » dit qui a été "
    "embauché : `hired_introduction_id` ou `filled_elsewhere` (400 sinon).",
)
def offer_transition(request, offer_id: Id, payload: OfferTransitionIn):
    offer = _managed_offer(request.user, offer_id)
    services.offer_transition(
        offer=offer,
        user=request.user,
        to_state=payload.to_state,
        comment=payload.comment,
        confirm_sensitive_words=payload.confirm_sensitive_words,
        hired_introduction_id=payload.hired_introduction_id,
        filled_elsewhere=payload.filled_elsewhere,
    )
    return _offers(request.user).get(pk=offer.pk)


@router.post(
    "/offers/{offer_id}/still-current",
    response={200: OfferOut, **errors(400, 403, 404)},
    summary="Confirmer qu'une offre publiée est toujours d'actualité",
)
def offer_still_current(request, offer_id: Id):
    offer = _managed_offer(request.user, offer_id)
    services.offer_confirm_current(offer=offer, user=request.user)
    return _offers(request.user).get(pk=offer.pk)


# --- introductions ------------------------------------------------------------------------


class IntroductionIn(Schema):
    offer_id: Id
    person_id: Id
    comment: Text(2000) = Field(
        "", description="Un mot pour l'employeur (jamais de santé ni de frein)"
    )
    confirm_sensitive_words: bool = Field(False, description=CONFIRM_DESCRIPTION)


class IntroductionOut(Schema):
    id: int
    offer_id: int
    person_id: int
    person_name: str
    state: str
    state_label: str
    decline_reason: str
    answer_comment: str
    sent_to: str = Field(description="Le contact de l'employeur qui a reçu le lien")
    sent_at: datetime | None
    seen_at: datetime | None
    interview_on: date | None
    starts_on: date | None
    next_states: list[str] = Field(description="Les états où elle peut passer")
    created_at: datetime

    @staticmethod
    def resolve_person_name(obj) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_next_states(obj) -> list[str]:
        return list(state_machine.INTRODUCTION_LIFECYCLE.next_states(obj.state))


class IntroductionStateOut(Schema):
    """Where an introduction stands after a move: the same for the structure and the
    employer, so nothing of the person (the employer reads them through its space)."""

    id: int
    state: str
    state_label: str
    decline_reason: str
    decline_reason_label: str
    interview_on: date | None
    starts_on: date | None
    sent_at: datetime | None
    seen_at: datetime | None
    next_states: list[str]

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_decline_reason_label(obj) -> str:
        return obj.get_decline_reason_display()

    @staticmethod
    def resolve_next_states(obj) -> list[str]:
        return list(state_machine.INTRODUCTION_LIFECYCLE.next_states(obj.state))


class IntroductionMoveIn(Schema):
    to: Choice(IntroductionState) = Field(
        description="Structure : sent (avec `email`), withdrawn, cancelled. Employeur (ou "
        "structure qui porte l'offre, pour un employeur sans compte) : interview, hired, "
        "declined (avec `reason`)."
    )
    reason: Choice(DeclineReason, blank=True) = Field("", description="Motif, pour declined")
    comment: Text(500) = ""
    on: SafeDate | None = Field(
        None, alias="date", description="Date de l'entretien (interview) ou d'embauche (hired)"
    )
    email: Text(254) = Field("", description="Adresse du contact de l'employeur, pour sent")


class CandidateOut(Schema):
    """What an employer is shown of a person introduced: no last name, no barrier. The
    fields are those of `offers.employer_view.CANDIDATE_FIELDS`, and nothing else."""

    id: int
    offer_id: int
    offer_title: str
    display_name: str = Field(description="Prénom et initiale")
    introduced_by: str
    introduced_at: datetime
    matching_wishes: list[str] = Field(description="Métiers souhaités de la famille de l'offre")
    available_from: date | None
    max_travel_km: int | None
    distance_km: float | None
    within_reach: bool | None = Field(description="Le lieu de travail est à sa portée")
    comment: str
    state: str
    state_label: str
    decline_reason: str
    decline_reason_label: str
    interview_on: date | None = Field(description="Date de l'entretien, si indiquée")
    starts_on: date | None = Field(description="Date d'embauche, si indiquée")


class AnswerIn(Schema):
    to_state: Choice(IntroductionState) = Field(description="interview, hired ou declined")
    reason: Choice(DeclineReason, blank=True) = Field(
        "", description="Motif, obligatoire pour declined"
    )
    comment: Text(500) = ""
    on: SafeDate | None = Field(
        None, alias="date", description="Date de l'entretien (interview) ou d'embauche (hired)"
    )


@router.post(
    "/introductions",
    response={201: IntroductionOut, **errors(400, 403, 404)},
    summary="Présenter une personne suivie pour une offre publiée",
    openapi_extra={"responses": {422: {"description": "Mots sensibles dans le commentaire"}}},
)
def introduction_create(request, payload: IntroductionIn):
    membership = next(
        (
            m
            for m in active_memberships(request.user)
            if membership_can(m, Capability.FOLLOW_PERSONS)
        ),
        None,
    )
    if membership is None:
        raise PermissionDenied("Votre organisation n'accompagne pas de personnes.")
    offer = JobOffer.objects.visible_to(request.user).filter(pk=payload.offer_id).first()
    if offer is None:
        raise Http404
    person, _ = person_for(request.user, payload.person_id, needed=Level.TEAM)
    introduction = services.introduction_create(
        offer=offer,
        person=person,
        organization=membership.organization,
        user=request.user,
        comment=payload.comment,
        confirm_sensitive_words=payload.confirm_sensitive_words,
    )
    return Status(201, introduction)


@router.get(
    "/introductions/{introduction_id}",
    response={200: IntroductionOut, **errors(404)},
    summary="Une personne que vos organisations ont présentée",
)
def introduction_detail(request, introduction_id: Id):
    return introduction_for_structure(request.user, introduction_id)


@router.post(
    "/introductions/{introduction_id}/transitions",
    response={200: IntroductionStateOut, **errors(400, 403, 404, 409)},
    summary="Faire avancer une mise en relation",
    description="proposed → sent → seen → interview → hired | declined ; withdrawn "
    "(la personne a renoncé) et cancelled (erreur) depuis tout état ouvert. « seen » se note "
    "seul quand l'employeur ouvre la candidature. Un passage que l'état ne permet pas "
    "répond 409 avec un message en français.",
)
def introduction_transition(request, introduction_id: Id, payload: IntroductionMoveIn):
    introduction = introduction_for(request.user, introduction_id)
    try:
        moved = services.introduction_transition(
            introduction=introduction,
            user=request.user,
            to_state=payload.to,
            reason=payload.reason,
            comment=payload.comment,
            on=payload.on,
            email=payload.email,
        )
    except services.IntroductionMoveRefused as refused:
        raise HttpError(409, " ".join(refused.messages)) from None
    return moved


@router.get(
    "/introductions",
    response=list[IntroductionOut],
    summary="Les personnes que vos organisations ont présentées",
)
@paginate(PageNumber)
def introduction_list(request):
    organizations = [m.organization_id for m in active_memberships(request.user)]
    return Introduction.objects.filter(introduced_by_id__in=organizations).select_related("person")


class CandidatePage(Schema):
    count: int
    page: int
    pages: int
    items: list[CandidateOut]


@router.get(
    "/employer/candidates",
    response=CandidatePage,
    summary="Espace employeur : les personnes présentées pour vos offres",
    description="Prénom et initiale, métiers souhaités de la famille de l'offre, "
    "disponibilité, distance : jamais de frein, de santé ni de note.",
)
def candidate_list(request, page: int = Query(1, ge=1, le=MAX_PAGE)):
    # The page's candidates only are read and built, like the employer space's list.
    current = counted_page(
        employer_introductions(request.user),
        page,
        settings.API_PAGE_SIZE,
        by_ids=True,
        rows_of=candidates_by_id,
    )
    return {
        "count": current.paginator.count,
        "page": current.number,
        "pages": current.paginator.num_pages,
        "items": [candidate_card(c) for c in current],
    }


@router.post(
    "/employer/candidates/{introduction_id}/answer",
    response={200: CandidateOut, **errors(400, 404)},
    summary="Répondre à une mise en relation (entretien, embauche, refus motivé)",
)
def candidate_answer(request, introduction_id: Id, payload: AnswerIn):
    introduction = introduction_for_employer(request.user, introduction_id)
    services.introduction_answer(
        introduction=introduction,
        user=request.user,
        to_state=payload.to_state,
        reason=payload.reason,
        comment=payload.comment,
        on=payload.on,
    )
    found = candidates_for_employer(request.user, introduction=introduction)
    return candidate_card(found[0])


class InterestPage(Schema):
    count: int
    page: int
    pages: int
    items: list[OfferInterestOut]


class InterestAnswerIn(Schema):
    answer: Choice(InterestAnswer) = Field(description="contacted, interview ou no_follow_up")


@router.get(
    "/employer/interests",
    response=InterestPage,
    summary="Espace employeur : les demandes laissées sur vos offres (« Je suis intéressé·e »)",
    description="Pour un groupement, aussi celles des offres de ses entreprises utilisatrices.",
)
def interest_list(request, page: int = Query(1, ge=1, le=MAX_PAGE)):
    return page_of_cards(interests_for_employer(request.user), page, interest_card)


@router.post(
    "/employer/interests/{interest_id}/answer",
    response={200: OfferInterestOut, **errors(400, 404)},
    summary="Répondre à une demande (contacté·e, entretien proposé, pas de suite)",
)
def interest_answer(request, interest_id: Id, payload: InterestAnswerIn):
    interest = interest_for_employer(request.user, interest_id)
    answered = interest_answers.interest_answer(
        interest=interest, user=request.user, answer=payload.answer
    )
    return interest_card(interest_for_employer(request.user, answered.pk))


# --- the public board -------------------------------------------------------------------


class PublicOfferOut(Schema):
    id: int
    title: str
    text: str
    company: str
    appellation: str
    appellation_name: str
    commune: str
    commune_name: str
    contract_type: str
    published_at: datetime | None
    distance_km: float | None


class PublicPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PublicOfferOut]


class BoardQuery(Schema):
    commune: Text(5) = Field("", description="Code INSEE : offres de la plus proche à la plus loin")
    radius_km: int = Field(30, description=f"Rayon : {', '.join(map(str, SEARCH_RADII_KM))} km")
    appellation: Text(10) = Field("", description="Code d'appellation ROME")
    rome: Text(5) = Field("", description="Code de fiche ROME (toute la famille de métiers)")
    q: Text(200) = Field(
        "",
        description="Mots-clés, comme on les dit (« vente », « ménage », « cariste ») : "
        "cherchés dans le titre, le texte, le métier et sa famille, synonymes et fautes de "
        "frappe compris, sans tenir compte des accents ni du pluriel",
    )
    contract_type: Choice(ContractType, blank=True) = Field("", description="Type de contrat")
    page: int = Field(1, ge=1, le=MAX_PAGE)


@router.get(
    "/public/offers",
    auth=None,
    response={200: PublicPage, **errors(400)},
    summary="Offres publiées (sans authentification)",
    description="Les mêmes filtres que le site des offres : commune et rayon, métier ou "
    "mots-clés, contrat. Seules les offres publiées.",
)
def public_offer_list(request, filters: Query[BoardQuery]):
    check_search_radius(filters.radius_km)
    commune = appellation = rome = None
    if filters.commune:
        commune = Commune.objects.filter(pk=filters.commune).first()
        if commune is None:
            raise ValidationError(f"Commune inconnue : « {filters.commune} ».")
    if filters.appellation:
        appellation = Appellation.objects.filter(pk=filters.appellation).first()
        if appellation is None:
            raise ValidationError(f"Appellation inconnue : « {filters.appellation} ».")
    if filters.rome:
        rome = RomeFamily.objects.filter(pk=filters.rome).first()
        if rome is None:
            raise ValidationError(f"Fiche ROME inconnue : « {filters.rome} ».")
    results = board_search(
        commune=commune,
        radius_km=filters.radius_km,
        appellation=appellation,
        rome=rome,
        text=filters.q,
        contract_type=filters.contract_type,
    )
    page = Paginator(results, settings.API_PAGE_SIZE).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": [
            {
                "id": found.offer.pk,
                "title": found.offer.title,
                "text": found.offer.text,
                "company": found.offer.company.name,
                "appellation": found.offer.appellation_id,
                "appellation_name": found.offer.appellation.name,
                "commune": found.offer.commune_id,
                "commune_name": found.offer.commune.name,
                "contract_type": found.offer.contract_type,
                "published_at": found.offer.published_at,
                "distance_km": None if found.distance_km is None else round(found.distance_km, 2),
            }
            for found in page
        ],
    }
