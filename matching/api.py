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
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Numéro de page, à partir de 1")


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


def _page(pairs, number: int) -> dict:
    """Pages of API_PAGE_SIZE, as every list of the API."""
    found = Paginator(pairs, settings.API_PAGE_SIZE)
    current = found.get_page(number)
    return {
        "count": found.count,
        "page": current.number,
        "pages": found.num_pages,
        "items": list(current),
    }


@router.get(
    "/offers/{offer_id}/candidates",
    response={200: RankedCandidatePage, **errors(403, 404)},
    summary="Les personnes que vous accompagnez, classées pour une offre",
    description="Faisable d'abord, puis faisable sous condition (freins en cours de "
    "levée), puis non faisable avec la raison ; chaque composante expliquée.",
)
def offer_candidates(request, offer_id: Id, query: Query[RankingQuery]):
    offer, organization = offer_to_rank(request.user, offer_id)
    pairs = selectors.candidates_for(
        request.user,
        offer,
        organization=organization,
        limit=query.limit,
        feasibility=query.feasibility,
        path=request.path,
    )
    return _page(pairs, query.page)


@router.get(
    "/persons/{person_id}/offers",
    response={200: RankedOfferPage, **errors(403, 404)},
    summary="Les offres publiées classées pour une personne que vous accompagnez",
)
def person_offers(request, person_id: Id, query: Query[RankingQuery]):
    person, organization = person_to_rank(request.user, person_id)
    pairs = selectors.offers_for(
        request.user,
        person,
        organization=organization,
        limit=query.limit,
        feasibility=query.feasibility,
        path=request.path,
    )
    return _page(pairs, query.page)
