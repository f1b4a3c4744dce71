"""The needs of a territory in the API: the figures of the page « Besoins du
territoire », for an EPCI or a commune and a radius. The same form refuses the same
things (`matching.area_forms.AreaForm`); the same rule says who may read it
(`matching.access.territory_organization`); people are counted, and named (by id) only
when the user follows them."""

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from api.schemas import errors
from matching.access import territory_organization
from matching.area_forms import MAX_RADIUS_KM, MIN_RADIUS_KM, AreaForm
from matching.needs import area_of, territory_needs

router = Router(tags=["Rapprochement"])

UNKNOWN_GROUP = "group : ce groupement ne fait pas partie de ceux proposés pour ce territoire."


class TerritoryAreaQuery(Schema):
    epci: str | None = Field(None, max_length=9, description="SIREN de l'EPCI")
    commune: str | None = Field(None, max_length=5, description="Code INSEE de la commune")
    radius_km: int | None = Field(
        None, description=f"Rayon autour de la commune, de {MIN_RADIUS_KM} à {MAX_RADIUS_KM} km"
    )
    group: int | None = Field(None, description="Un groupement d'employeurs proposé (`groups`)")


class TerritoryAreaOut(Schema):
    label: str
    epci: str | None
    commune: str | None
    radius_km: int | None
    communes: int


class TerritoryCompanyOut(Schema):
    id: int
    name: str
    commune: str


class TerritoryFamilyOut(Schema):
    code: str = Field(description="Fiche ROME")
    name: str
    offers: int = Field(description="Offres publiées du territoire")
    positions: int = Field(description="Postes de ces offres")
    people: int = Field(description="Personnes du territoire qui souhaitent ce métier")
    people_followed: int = Field(description="Dont celles que vous accompagnez")
    feasible: int = Field(description="Rapprochements faisables")
    feasible_if: int = Field(description="Rapprochements faisables si un frein est levé")
    companies: list[TerritoryCompanyOut] = Field(
        description="Entreprises du territoire dont le secteur (NAF) recrute pour ce métier"
    )


class TerritoryBarrierOut(Schema):
    code: str = Field(description="Code du frein")
    label: str
    theme: str = Field(description="Thème data·inclusion")
    theme_label: str
    people: int = Field(description="Personnes dont des rapprochements n'attendent que lui")
    people_followed: int
    introductions: int = Field(description="Mises en relation que sa levée ouvrirait")
    sentence: str
    service_ids: list[int] = Field(description="Services partenaires du territoire qui le lèvent")

    @staticmethod
    def resolve_service_ids(obj) -> list[int]:
        return [s.id for s in obj.services]


class TerritoryGroupChoiceOut(Schema):
    id: int
    name: str


class TerritoryGroupNeedOut(Schema):
    code: str
    name: str
    offers: int
    positions: int
    companies: list[str]
    people: int
    followed_person_ids: list[int] = Field(description="Les personnes que vous accompagnez")

    @staticmethod
    def resolve_followed_person_ids(obj) -> list[int]:
        return [p.id for p in obj.followed]


class TerritoryGroupOut(Schema):
    id: int
    name: str
    members: list[TerritoryCompanyOut]
    structures: list[str]
    people: int
    needs: list[TerritoryGroupNeedOut]


class TerritoryNeedsOut(Schema):
    area: TerritoryAreaOut
    people: int
    people_followed: int
    offers: int
    positions: int
    pairs: int
    families: list[TerritoryFamilyOut]
    barriers: list[TerritoryBarrierOut] = Field(description="Le frein à lever en premier d'abord")
    groups: list[TerritoryGroupChoiceOut]
    groups_from_area: bool = Field(
        description="Vrai quand aucun groupement n'est dans votre club : ceux du territoire"
    )
    group: TerritoryGroupOut | None

    @staticmethod
    def resolve_area(obj) -> dict:
        area = obj.area
        return {
            "label": area.label,
            "epci": area.epci.pk if area.epci else None,
            "commune": area.commune.pk if area.commune else None,
            "radius_km": area.radius_km,
            "communes": len(area.communes),
        }


@router.get(
    "/territory/needs",
    response={200: TerritoryNeedsOut, **errors(400, 403)},
    summary="Les besoins d'un territoire",
    description="Pour un EPCI (`epci`) ou une commune et un rayon (`commune`, `radius_km`) : "
    "par fiche ROME, les postes ouverts face aux personnes qui souhaitent le métier ; les "
    "freins dont la levée ouvrirait le plus de mises en relation, avec les services qui les "
    "lèvent ; avec `group`, les besoins d'un groupement d'employeurs croisés avec les "
    "souhaits des personnes des structures qui travaillent avec lui. Les personnes sont "
    "comptées, jamais nommées, sauf celles que vous accompagnez (par leur identifiant).",
)
def needs(request, query: Query[TerritoryAreaQuery]):
    organization = territory_organization(request.user)
    given = {key: value for key, value in query.dict().items() if value is not None}
    form = AreaForm(given, codes_only=True)
    if not form.is_valid():
        raise ValidationError(form.messages())
    data = form.cleaned_data
    area = area_of(epci=data["epci"], commune=data["commune"], radius_km=data["radius_km"])
    try:
        return territory_needs(request.user, organization, area, group_id=data["group"])
    except LookupError:
        raise ValidationError(UNKNOWN_GROUP) from None
