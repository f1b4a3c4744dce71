"""Rankings in the API: the people for an offer, the offers for a person. The same
rules as everywhere (`matching.access`): 404 for what the user may not see, 403 for an
organization that holds no pool (employers never call the engine) or a prescriber at
the milestones level."""

from typing import Literal

from django.conf import settings
from django.core.paginator import Paginator
from ninja import Field, Query, Router, Schema

from api.pagination import MAX_PAGE
from api.schemas import Id, errors
from matching import selectors
from matching.access import offer_to_rank, person_to_rank
from pathways.enums import PathwayKind

router = Router(tags=["Rapprochement"])

Feasibility = Literal["feasible", "feasible_if", "not_feasible"]


class ComponentOut(Schema):
    name: str = Field(
        description="metier, trajet, horaires, permis, physique, francais, "
        "disponibilite, contrat, priorite, equite"
    )
    score: float = Field(ge=0, le=1)
    explanation: str


class _MatchOut(Schema):
    score: float = Field(ge=0, le=1)
    feasibility: Feasibility
    components: list[ComponentOut]
    lifting: list[str] = Field(description="Codes des freins à lever (feasible_if)")
    reason: str = Field(description="Ce qui empêche (not_feasible)")

    @staticmethod
    def resolve_components(obj) -> list:
        return [c._asdict() for c in obj.components]


class CandidateMatchOut(_MatchOut):
    person_id: int


class OfferMatchOut(_MatchOut):
    offer_id: int


class RankingQuery(Schema):
    limit: int = Field(50, ge=1, le=200, description="Combien des meilleurs rapprochements")
    feasibility: Feasibility | None = None
    max_km: int | None = Field(
        None, ge=1, le=200, description="Lieu de travail à au plus tant de km de la commune"
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Numéro de page, à partir de 1")


class CandidateQuery(RankingQuery):
    kind: PathwayKind | None = Field(
        None, description="Personnes en parcours de ce type : iae, sas_iae, support"
    )


class RankedCandidatePage(Schema):
    count: int
    page: int
    pages: int
    items: list[CandidateMatchOut]


class RankedOfferPage(Schema):
    count: int
    page: int
    pages: int
    items: list[OfferMatchOut]


def _page(request, pairs, number: int, organization) -> dict:
    """Pages of API_PAGE_SIZE, as every list of the API; only the page's pairs are
    read (`as_seen` logs a read of each one naming a sensitive barrier)."""
    found = Paginator(pairs, settings.API_PAGE_SIZE)
    current = found.get_page(number)
    return {
        "count": found.count,
        "page": current.number,
        "pages": found.num_pages,
        "items": selectors.as_seen(request.user, list(current), organization, request.path),
    }


@router.get(
    "/offers/{offer_id}/candidates",
    response={200: RankedCandidatePage, **errors(403, 404)},
    summary="Les personnes que vous accompagnez, classées pour une offre",
    description="Faisable d'abord, puis faisable sous condition (freins en cours de "
    "levée), puis non faisable avec la raison ; chaque composante expliquée.",
)
def offer_candidates(request, offer_id: Id, query: Query[CandidateQuery]):
    offer, organization = offer_to_rank(request.user, offer_id)
    filters = selectors.Filters(feasibility=query.feasibility, max_km=query.max_km, kind=query.kind)
    pairs = selectors.ranked_candidates(request.user, offer, limit=query.limit, filters=filters)
    return _page(request, pairs, query.page, organization)


@router.get(
    "/persons/{person_id}/offers",
    response={200: RankedOfferPage, **errors(403, 404)},
    summary="Les offres classées pour une personne que vous accompagnez",
    description="Les offres publiées à sa portée, et les offres pas encore publiées "
    "(brouillons) des entreprises du club de votre organisation qu'elle porte ou "
    "rédige avec elles.",
)
def person_offers(request, person_id: Id, query: Query[RankingQuery]):
    person, organization = person_to_rank(request.user, person_id)
    filters = selectors.Filters(feasibility=query.feasibility, max_km=query.max_km)
    pairs = selectors.ranked_offers(
        request.user, person, organization=organization, limit=query.limit, filters=filters
    )
    return _page(request, pairs, query.page, organization)
