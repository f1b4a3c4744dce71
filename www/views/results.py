"""« Résultats »: the figures of an organization or a territory over a period, beside
the period before, as tables and charts, each table downloadable as CSV (and the whole
table as the export list « indicateurs »), every download in the audit trail. Every figure
comes from `indicators.selectors.indicator_table`; who reads which scope is
`indicators.scopes.scope_for` (404 for a scope one may not read)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from exports.models import ExportFormat
from exports.services import download_record
from indicators.forms import filters_of_choice, results_choice
from indicators.selectors import indicator_table
from indicators.suppression import FEWER_THAN, NO_DATA
from indicators.tables import table_csv, tables_of

# The per-table CSV is recorded as part of the indicators' list, its table named.
TABLES_LIST = "indicateurs"


def chosen(request):
    """The filters of the query, the scope they name (404 if the user may not read it)
    and the period: for « Résultats », its downloads, its map and its reports alike."""
    return results_choice(request.user, request.current_organization, request.GET)


@login_required
@require_GET
def results(request):
    form, scope, period = chosen(request)
    tables = tables_of(indicator_table(scope, period))
    for table in tables:
        if table.drawable:
            labels, values = table.chart_axes()
            table.chart_x = json.dumps(labels, ensure_ascii=False)
            table.chart_y = json.dumps(values)
    return render(
        request,
        "indicators/results.html",
        {
            "title": "Résultats",
            "form": form,
            "scope": scope,
            "period": period,
            "previous": period.previous(),
            "tables": tables,
            "series": json.dumps([period.label, period.previous().label], ensure_ascii=False),
            "query": request.GET.urlencode(),
            "fewer_than": FEWER_THAN,
            "no_data": NO_DATA,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def results_csv(request, table):
    _, scope, period = chosen(request)
    found = next((t for t in tables_of(indicator_table(scope, period)) if t.slug == table), None)
    if found is None:
        raise Http404("Tableau introuvable.")
    body = table_csv(found, period_label=period.label, previous_label=period.previous().label)
    download_record(
        user=request.user,
        organization=request.current_organization,
        list_name=TABLES_LIST,
        params={**filters_of_choice(scope, period), "tableau": [found.slug]},
        file_format=ExportFormat.CSV,
        rows_total=len(found.rows),
    )
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resultats-{found.slug}.csv"'
    return response
