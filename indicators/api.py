"""The indicators in the API: the rows of the page « Résultats » for a scope and a
period, from `indicators.selectors.indicator_table`, read under the same rule
(`indicators.scopes.scope_for`: 404 for a scope one may not read)."""

from datetime import date

from ninja import Field, Query, Router, Schema

from api.schemas import errors
from indicators.asked import FiguresQuery, asked_key, asked_period
from indicators.scopes import scope_for
from indicators.selectors import indicator_table

router = Router(tags=["Indicateurs"])


class IndicatorOut(Schema):
    code: str
    label: str
    definition: str
    section: str
    unit: str
    value: int | float | None = Field(description="Nul sans données, ou sous 5 personnes")
    previous_value: int | float | None
    shown: str = Field(description="La valeur comme la page l'écrit")
    previous_shown: str


class IndicatorsOut(Schema):
    scope: str
    key: str
    label: str
    across_organizations: bool
    start: date
    end: date
    previous_start: date
    previous_end: date
    indicators: list[IndicatorOut]


@router.get(
    "/indicators",
    response={200: IndicatorsOut, **errors(400, 404)},
    summary="Les indicateurs d'une organisation ou d'un territoire",
    description="Chaque indicateur de la page « Résultats » (code stable, libellé, "
    "définition, valeur et valeur de la période précédente de même durée) pour une "
    "organisation dont vous êtes membre (`scope=organization&id=`) ou un territoire que "
    "votre organisation peut lire (`scope=territory&id=` : SIREN de l'EPCI ou code du "
    "département). Sur un territoire, un chiffre qui porte sur moins de 5 personnes vaut "
    "null et s'écrit « moins de 5 ». Par défaut : le trimestre dernier. Le même tableau en "
    "fichier : `GET /api/v1/exports/indicateurs.xlsx` (ou `.csv`), avec les filtres de la "
    "page « Résultats » (`perimetre`, `periode`, `du`, `au`, `parcours`).",
)
def indicators(request, query: Query[FiguresQuery]):
    period = asked_period(query.from_, query.to)
    scope = scope_for(
        request.user,
        asked_key(request.user, query.scope, query.id),
        pathway_kind=query.pathway_kind or "",
    )
    rows = indicator_table(scope, period)
    return {
        "scope": scope.kind,
        "key": scope.key,
        "label": scope.label,
        "across_organizations": scope.across_organizations,
        "start": period.start,
        "end": period.end,
        "previous_start": period.previous().start,
        "previous_end": period.previous().end,
        "indicators": [
            {
                "code": row.code,
                "label": row.label,
                "definition": row.definition,
                "section": row.section.value,
                "unit": row.unit.value,
                "value": row.value,
                "previous_value": row.previous_value,
                "shown": row.shown,
                "previous_shown": row.previous_shown,
            }
            for row in rows
        ],
    }
