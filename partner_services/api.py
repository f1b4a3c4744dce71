"""Partner services and service referrals in the API: the same facts and rules as the
pages (the directory is open to every signed-in professional; referrals are scoped by
`ServiceReferral.objects.visible_to`)."""

from datetime import date, datetime
from typing import Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from access.policy import Capability, active_memberships, can
from api.pagination import MAX_PAGE, PageNumber
from api.schemas import Choice, Id, Text, TransitionOut, errors
from audit.context import SYSTEM
from audit.reads import log_sensitive_read
from barriers.access import barrier_organization
from barriers.models import PersonBarrier
from barriers.thematiques import thematiques
from lib import rate_limit
from lib.geo import SEARCH_RADII_KM, check_search_radius
from partner_services import links, services, state_machine
from partner_services.enums import ReferralState, RefusalReason
from partner_services.models import Service, ServiceReferral
from partner_services.selectors import (
    Found,
    inbox_of,
    referrals_with_history,
    services_search,
)
from persons.access import person_for
from persons.models import Person
from territories.models import Commune

router = Router(tags=["Services partenaires"])


class ServiceOut(Schema):
    id: int
    source: str
    source_id: str = Field(description="Identifiant data·inclusion")
    structure_name: str
    name: str
    description: str
    thematiques: list[str]
    publics: list[str]
    modes_accueil: list[str]
    commune: str | None = Field(description="Code INSEE")
    commune_name: str | None
    address: str
    contact_email: str
    contact_phone: str
    website: str
    is_local: bool
    updated_on: date | None

    @staticmethod
    def resolve_commune(obj) -> str | None:
        return obj.commune_id

    @staticmethod
    def resolve_commune_name(obj) -> str | None:
        return obj.commune.name if obj.commune_id else None


class FoundOut(Schema):
    distance_km: float | None = Field(description="Distance depuis la commune recherchée")
    service: ServiceOut

    @staticmethod
    def resolve_distance_km(obj: Found) -> float | None:
        return None if obj.distance_km is None else round(obj.distance_km, 2)


class FoundPage(Schema):
    count: int
    page: int
    pages: int
    items: list[FoundOut]


class ServiceSearch(Schema):
    theme: Text(100) = Field("", description="Thème (`mobilite`) ou thématique data·inclusion")
    commune: Text(5) = Field("", description="Code INSEE : résultats du plus proche au plus loin")
    radius_km: int = Field(30, description=f"Rayon en km : {', '.join(map(str, SEARCH_RADII_KM))}")
    q: Text(100) = Field("", description="Mots du nom, de la structure ou de la description")
    page: int = Field(1, ge=1, le=MAX_PAGE)


@router.get(
    "/services",
    response={200: FoundPage, **errors(400)},
    summary="Rechercher un service partenaire",
    description="Par thème, commune et rayon, et mots-clés ; avec une commune, les services "
    "sont triés du plus proche au plus lointain et `distance_km` est renseignée.",
)
def service_list(request, filters: Query[ServiceSearch]):
    if filters.theme and filters.theme not in thematiques() and "--" in filters.theme:
        raise ValidationError(f"Thématique inconnue : « {filters.theme} ».")
    check_search_radius(filters.radius_km)
    commune = None
    if filters.commune:
        commune = Commune.objects.filter(pk=filters.commune).first()
        if commune is None:
            raise ValidationError(f"Commune inconnue : « {filters.commune} ».")
    found = services_search(
        request.user, theme=filters.theme, commune=commune, radius_km=filters.radius_km, q=filters.q
    )
    page = Paginator(found, settings.API_PAGE_SIZE).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": list(page),
    }


@router.get(
    "/services/{service_id}",
    response={200: ServiceOut, **errors(404)},
    summary="Un service partenaire",
)
def service_detail(request, service_id: Id):
    return get_object_or_404(
        Service.objects.visible_to(request.user).select_related("commune"), pk=service_id
    )


class ServiceReferralOut(Schema):
    id: int
    person_id: int
    person_name: str
    service_id: int
    service_name: str
    barrier_id: int | None = Field(description="Pour l'équipe qui a orienté seulement")
    from_organization: str
    message: str
    state: str
    state_label: str
    created_at: datetime
    answered_at: datetime | None
    refusal_reason: str = Field(description="Motif du refus (liste), vide sinon")
    refusal_reason_label: str
    answer_comment: str = Field(description="Les mots du service avec sa réponse")
    done_on: date | None = Field(description="Date à laquelle le service a été rendu")
    history: list[TransitionOut]

    @staticmethod
    def resolve_refusal_reason_label(obj) -> str:
        return obj.get_refusal_reason_display()

    @staticmethod
    def resolve_person_name(obj) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_service_name(obj) -> str:
        return obj.service.name

    @staticmethod
    def resolve_barrier_id(obj) -> int | None:
        # The partner sees the person's name and the message, not their barriers.
        return obj.barrier_id if getattr(obj, "seen_by_team", False) else None

    @staticmethod
    def resolve_from_organization(obj) -> str:
        return obj.from_organization.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_history(obj) -> list:
        return list(obj.transitions.all())


class ServiceReferralIn(Schema):
    person_id: Id
    service_id: Id
    barrier_id: Id | None = None
    message: Text(4000, min_length=1)


class ServiceReferralTransitionIn(Schema):
    state: Choice(ReferralState) = Field(description="accepted, refused, done, cancelled")
    refusal_reason: Choice(RefusalReason, blank=True) = Field(
        "", description="Pour un refus : le motif ; `other` demande un commentaire"
    )
    comment: Text(2000) = ""
    done_on: date | None = Field(None, description="Pour « done » : aujourd'hui si absent")


class PartnerAnswerIn(Schema):
    state: Literal["accepted", "refused", "done"] = Field(description="La réponse du service")
    refusal_reason: Choice(RefusalReason, blank=True) = ""
    comment: Text(2000) = ""
    done_on: date | None = None


class ReferralForPartnerOut(Schema):
    """What the partner sees of a referral: the person's name and the need, never
    anything else of their file."""

    person_name: str
    service_name: str
    from_organization: str
    message: str
    state: str
    state_label: str
    created_at: datetime
    refusal_reason: str
    answer_comment: str
    done_on: date | None
    answers: list[str] = Field(description="Les réponses possibles maintenant")
    link_expires_at: datetime

    @staticmethod
    def resolve_person_name(obj) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_service_name(obj) -> str:
        return obj.service.name

    @staticmethod
    def resolve_from_organization(obj) -> str:
        return obj.from_organization.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_answers(obj) -> list[str]:
        return [
            to_state
            for to_state in state_machine.LIFECYCLE.next_states(obj.state)
            if to_state in state_machine.PARTNER_MOVES
        ]

    @staticmethod
    def resolve_link_expires_at(obj) -> datetime:
        return links.expires_at(obj)


def _mark_team(user, referrals) -> list:
    referrals = list(referrals)
    followed = set(
        Person.objects.followed_by(user)
        .filter(pk__in={r.person_id for r in referrals})
        .values_list("pk", flat=True)
    )
    for referral in referrals:
        referral.seen_by_team = referral.person_id in followed
    return referrals


def _one(user, referral_id: int) -> ServiceReferral:
    referral = get_object_or_404(
        referrals_with_history(ServiceReferral.objects.visible_to(user)), pk=referral_id
    )
    return _mark_team(user, [referral])[0]


@router.get(
    "/service-referrals",
    response=list[ServiceReferralOut],
    summary="Orientations vers des services",
    description="Celles des personnes que vous accompagnez et celles reçues par les services "
    "de vos organisations.",
)
@paginate(PageNumber)
def referral_list(request):
    return _LazyMarked(
        referrals_with_history(ServiceReferral.objects.visible_to(request.user)), request.user
    )


class _LazyMarked:
    """The paginator slices the queryset; the page's rows are then marked in one query."""

    def __init__(self, queryset, user):
        self.queryset, self.user = queryset, user

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index):
        return _mark_team(self.user, self.queryset[index])


@router.post(
    "/service-referrals",
    response={201: ServiceReferralOut, **errors(400, 403, 404)},
    summary="Orienter une personne vers un service",
)
def referral_create(request, payload: ServiceReferralIn):
    person, _ = person_for(
        request.user,
        payload.person_id,
        refusal="Seule l'équipe d'accompagnement oriente vers un service.",
    )
    organization = barrier_organization(request.user)
    if not can(request.user, Capability.REFER_PERSONS, organization):
        raise PermissionDenied("Votre organisation ne peut pas orienter de personne.")
    service = get_object_or_404(Service.objects.visible_to(request.user), pk=payload.service_id)
    barrier = None
    if payload.barrier_id is not None:
        barrier = get_object_or_404(
            PersonBarrier.objects.visible_to(request.user), person=person, pk=payload.barrier_id
        )
    referral = services.service_referral_send(
        person=person,
        service=service,
        barrier=barrier,
        message=payload.message,
        organization=organization,
        user=request.user,
    )
    return Status(201, _one(request.user, referral.pk))


@router.post(
    "/service-referrals/{service_referral_id}/transition",
    response={200: ServiceReferralOut, **errors(400, 403, 404)},
    summary="Décider d'une orientation",
    description="Le service partenaire accepte, refuse (avec un motif) ou note la réalisation ; "
    "l'équipe qui a orienté annule.",
)
def referral_transition(request, service_referral_id: Id, payload: ServiceReferralTransitionIn):
    referral = get_object_or_404(
        ServiceReferral.objects.visible_to(request.user), pk=service_referral_id
    )
    services.service_referral_transition(
        referral=referral,
        to_state=payload.state,
        comment=payload.comment,
        refusal_reason=payload.refusal_reason,
        done_on=payload.done_on,
        user=request.user,
    )
    return _one(request.user, referral.pk)


class InboxQuery(Schema):
    organization_id: Id | None = Field(
        None, description="Une de vos organisations ; toutes par défaut"
    )
    state: Choice(ReferralState, blank=True) = ""
    sort: Literal["", "anciennes", "recentes"] = Field(
        "",
        description="vide : à traiter d'abord, les plus anciennes en tête ; "
        "`anciennes` ; `recentes`",
    )


@router.get(
    "/service-referrals/inbox",
    response={200: list[ServiceReferralOut], **errors(400, 404)},
    summary="Orientations reçues par vos services",
    description="Les orientations adressées aux services de vos organisations (ou de "
    "`organization_id`), celles qui attendent votre réponse d'abord, les plus anciennes en "
    "tête. Répondez avec `POST /service-referrals/{id}/transition`.",
)
@paginate(PageNumber)
def referral_inbox(request, filters: Query[InboxQuery]):
    organizations = [m.organization for m in active_memberships(request.user)]
    if filters.organization_id is not None:
        organizations = [o for o in organizations if o.pk == filters.organization_id]
        if not organizations:
            raise Http404("Organisation inconnue.")
    referrals = inbox_of(request.user, organizations, state=filters.state, sort=filters.sort)
    return _LazyMarked(referrals, request.user)


def _link(request, token: str) -> ServiceReferral:
    if rate_limit.address_over_limit(request, "service-referral-link", limit=30, seconds=60):
        raise HttpError(429, "Trop de demandes : réessayez dans une minute.")
    found = links.read(token)
    if found is None:
        raise Http404("Ce lien n'existe pas.")
    if found.expired:
        raise HttpError(410, "Ce lien a expiré ou a été remplacé par un plus récent.")
    log_sensitive_read(
        user=request.user,
        person=found.referral.person,
        what=f"Orientation n° {found.referral.pk} vers {found.referral.service.name} lue par "
        f"le lien envoyé à {found.referral.link_sent_to} (API)",
        organization=found.referral.from_organization,
        path=request.path[:40],
    )
    return found.referral


@router.get(
    "/service-referral-links/{token}",
    auth=None,
    response={200: ReferralForPartnerOut, **errors(404, 410, 429)},
    summary="Une orientation, par le lien envoyé au service (sans compte)",
    description="Le jeton du lien reçu par courriel est la seule clé : le nom de la "
    "personne, le besoin exprimé et les réponses possibles.",
)
def referral_by_link(request, token: str):
    return _link(request, token)


@router.post(
    "/service-referral-links/{token}/answer",
    auth=None,
    response={200: ReferralForPartnerOut, **errors(400, 404, 410, 429)},
    summary="Répondre à une orientation par le lien envoyé au service (sans compte)",
    description="Accepter, refuser (avec un motif de la liste, `other` avec un commentaire) "
    "ou indiquer la réalisation (`done_on`, aujourd'hui si absent).",
)
def referral_answer_by_link(request, token: str, payload: PartnerAnswerIn):
    referral = _link(request, token)
    services.service_referral_transition(
        referral=referral,
        to_state=payload.state,
        comment=payload.comment,
        refusal_reason=payload.refusal_reason,
        done_on=payload.done_on,
        user=SYSTEM,
        via_link=True,
    )
    referral.refresh_from_db()
    return referral
