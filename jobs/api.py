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
    q: Text(100) = Field(description="Mots du métier, dans n'importe quel ordre, comme on les dit")
    limit: int = Field(10, ge=1, le=50, description="Nombre de résultats, 50 au plus")


@router.get(
    "/appellations",
    response=list[AppellationOut],
    summary="Rechercher un métier (appellation ROME)",
    description=(
        "Chaque mot saisi commence un mot de l'intitulé, dans n'importe quel ordre, sans "
        "tenir compte des accents, du pluriel ni du féminin ; les mots de tous les jours "
        "(« ménage », « vente ») et les fautes de frappe trouvent aussi les métiers. Les "
        "métiers les plus courants d'abord (offres publiées, embauches, tension). "
        "Une recherche de moins de "
        f"{MIN_QUERY_LENGTH} caractères renvoie une liste vide (et non une erreur)."
    ),
)
def search_appellations(request, filters: Query[AppellationSearch]):
    return appellations_search(filters.q, limit=filters.limit)
