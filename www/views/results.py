"""« Résultats »: the figures of an organization or a territory over a period, beside
the period before, as tables and charts, each table downloadable as CSV. Every figure
comes from `indicators.selectors.indicator_table`; who reads which scope is
`indicators.scopes.scope_for` (404 for a scope one may not read)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indicators.forms import ResultsFilterForm
from indicators.scopes import default_key, scope_choices, scope_for
from indicators.selectors import indicator_table
from indicators.suppression import FEWER_THAN, NO_DATA
from indicators.tables import table_csv, tables_of


def chosen(request):
    """The filters of the query, the scope they name (404 if the user may not read it)
    and the period: for « Résultats » and its reports alike."""
    default = default_key(request.user, request.current_organization)
    # The chooser shows the scope the figures are of: the default one when the query
    # names none (else the select would show its first option over a territory's figures).
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("perimetre"):
        data["perimetre"] = default
    form = ResultsFilterForm(
        data, scopes=scope_choices(request.user), initial={"perimetre": default}
    )
    key = form.scope_key(default)
    # The key is read from the query as typed when the form refuses it: the scope check
    # then answers 404 for one the user may not read, instead of a quiet default.
    typed = request.GET.get("perimetre")
    if typed and not form.is_valid() and "perimetre" in form.errors:
        key = typed
    scope = scope_for(request.user, key, pathway_kind=form.pathway_kind())
    return form, scope, form.period()


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
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resultats-{found.slug}.csv"'
    return response
