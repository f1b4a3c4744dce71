"""Read-only API of the administrative geography. Reference data is public knowledge,
not personal data: any authenticated user may read all of it."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from api.pagination import MAX_PAGE
from api.schemas import Text, errors
from lib.search import MIN_QUERY_LENGTH
from territories.models import Commune
from territories.selectors import NearbyCommune, communes_search, communes_within

router = Router(tags=["Territoires"])


class CommuneOut(Schema):
    code: str = Field(description="Code INSEE")
    name: str
    department: str = Field(description="Code du département")
    department_name: str
    post_codes: list[str]
    epci: str | None = Field(description="SIREN de l'EPCI, s'il y en a un")
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_department(obj: Commune) -> str:
        return obj.department_id

    @staticmethod
    def resolve_department_name(obj: Commune) -> str:
        return obj.department.name

    @staticmethod
    def resolve_post_codes(obj: Commune) -> list[str]:
        return obj.post_code_list

    @staticmethod
    def resolve_epci(obj: Commune) -> str | None:
        return obj.epci_id


class CommuneSearch(Schema):
    q: Text(100) = Field(description="Nom, début de nom ou code postal")
    limit: int = Field(10, ge=1, le=50, description="Nombre de résultats, 50 au plus")


@router.get(
    "/communes",
    response=list[CommuneOut],
    summary="Rechercher une commune",
    description=(
        "Recherche par nom (sans tenir compte des accents ni des majuscules, mots dans "
        "n'importe quel ordre) ou par code postal, les plus peuplées d'abord. Une recherche "
        f"de moins de {MIN_QUERY_LENGTH} caractères renvoie une liste vide (et non une "
        "erreur) : un client d'autocomplétion peut appeler à chaque frappe."
    ),
)
def search_communes(request, filters: Query[CommuneSearch]):
    return communes_search(filters.q, limit=filters.limit)


class NearbyCommuneOut(Schema):
    distance_km: float = Field(description="Distance entre les centres des communes, en km")
    commune: CommuneOut

    @staticmethod
    def resolve_distance_km(obj: NearbyCommune) -> float:
        return round(obj.distance_km, 2)


class NearbyPage(Schema):
    count: int
    page: int
    pages: int
    items: list[NearbyCommuneOut]


class NearbySearch(Schema):
    radius_km: float = Field(10, gt=0, le=200, description="Rayon en km, 200 au plus")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Numéro de page, à partir de 1")


@router.get(
    "/communes/{code}/nearby",
    response={200: NearbyPage, **errors(404)},
    summary="Communes dans un rayon",
    description=(
        "Les autres communes dont le centre est à moins de `radius_km` du centre de cette "
        "commune, les plus proches d'abord (distance à vol d'oiseau), par pages."
    ),
)
def nearby_communes(request, code: Text(5), filters: Query[NearbySearch]):
    commune = get_object_or_404(Commune, code=code)
    nearby = communes_within(commune, filters.radius_km)
    page = Paginator(nearby, settings.API_PAGE_SIZE).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": list(page),
    }
