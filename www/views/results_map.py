"""« Carte du territoire » of « Résultats »: the people accompanied and the offers
published by commune over the chosen scope and period, as an SVG of points (no map
tiles: nothing leaves the platform) beside the table that holds the same figures.
The scope and period are those of « Résultats » (`chosen`: 404 for a scope one may not
read)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indicators.geography import commune_figures, map_points
from indicators.suppression import FEWER_THAN
from www.views.results import chosen


@login_required
@require_GET
def results_map(request):
    form, scope, period = chosen(request)
    places = commune_figures(scope, period)
    return render(
        request,
        "indicators/results_map.html",
        {
            "title": "Carte du territoire",
            "form": form,
            "scope": scope,
            "period": period,
            "places": places,
            "points": map_points(places),
            "query": request.GET.urlencode(),
            "fewer_than": FEWER_THAN,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
