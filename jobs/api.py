"""Read-only API of the ROME referential; any authenticated user may read it."""

from ninja import Field, Query, Router, Schema

from api.schemas import Text
from jobs.models import Appellation
from jobs.selectors import appellations_search
from lib.search import MIN_QUERY_LENGTH

router = Router(tags=["Métiers"])


class AppellationOut(Schema):
    code: str
    name: str
    rome_code: str
    rome_name: str

    @staticmethod
    def resolve_rome_code(obj: Appellation) -> str:
        return obj.rome_id

    @staticmethod
    def resolve_rome_name(obj: Appellation) -> str:
        return obj.rome.name


class AppellationSearch(Schema):
    q: Text(100) = Field(description="Mots de l'intitulé, dans n'importe quel ordre")
    limit: int = Field(10, ge=1, le=50, description="Nombre de résultats, 50 au plus")


@router.get(
    "/appellations",
    response=list[AppellationOut],
    summary="Rechercher un métier (appellation ROME)",
    description=(
        "Chaque mot saisi doit commencer un mot de l'intitulé, dans n'importe quel ordre, "
        "sans tenir compte des accents. Une recherche de moins de "
        f"{MIN_QUERY_LENGTH} caractères renvoie une liste vide (et non une erreur)."
    ),
)
def search_appellations(request, filters: Query[AppellationSearch]):
    return appellations_search(filters.q, limit=filters.limit)
