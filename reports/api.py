"""The reports in the API, as files: `GET /reports/{code}.pdf|.xlsx?scope=&id=&from=&to=`
gives the same document as the page « Rapports », read under the same rule as
`GET /indicators` (`indicators.scopes.scope_for`: 404 for a scope one may not read) and
recorded in the audit trail as every export."""

from ninja import Query, Router

from access.policy import active_memberships
from api.schemas import errors
from indicators.asked import FiguresQuery, asked_key, asked_period
from indicators.scopes import scope_for
from reports.access import template_for
from reports.answers import report_answer
from reports.catalogue import REPORTS, report_of

router = Router(tags=["Rapports"])


@router.get(
    "/reports/{report_file}",
    response={200: None, **errors(400, 404)},
    summary="Un rapport (PDF ou XLSX) d'une organisation ou d'un territoire",
    description="Le rapport `{code}.pdf` ou `{code}.xlsx` (codes : "
    + ", ".join(f"`{code}`" for code in REPORTS)
    + ") sur le périmètre et la période choisis comme pour `GET /indicators` ; ses "
    "chiffres sont ceux de la page « Résultats ». Sur un territoire, un chiffre qui porte "
    "sur moins de 5 personnes s'écrit « moins de 5 ». Chaque téléchargement est inscrit "
    "au journal des exports.",
)
def report_file(request, report_file: str, query: Query[FiguresQuery]):
    code, _, file_format = report_file.rpartition(".")
    template = template_for(code, file_format)
    period = asked_period(query.from_, query.to)
    scope = scope_for(
        request.user,
        asked_key(request.user, query.scope, query.id),
        pathway_kind=query.pathway_kind or "",
    )
    memberships = active_memberships(request.user)
    return report_answer(
        user=request.user,
        organization=memberships[0].organization if memberships else None,
        report=report_of(template, scope, period),
        file_format=file_format,
    )
