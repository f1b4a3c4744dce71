"""Reference data pages: find a commune, see it and the communes around it, find a job
title. The partial views answer the htmx live search of the same pages."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from jobs.selectors import appellations_search
from lib.search import MIN_QUERY_LENGTH, query_words
from territories.forms import RadiusField
from territories.models import Commune
from territories.selectors import communes_search, communes_within

NEARBY_PAGE_SIZE = 25
DEFAULT_RADIUS_KM = 10


class RadiusForm(forms.Form):
    rayon = RadiusField(default_km=DEFAULT_RADIUS_KM, required=True)


def _search_context(query: str, results: list, nothing_found: str) -> dict:
    """What the result list and its live status line need, for the page and the partial."""
    if not query.strip():
        status = ""
    elif not query_words(query):
        status = f"Saisissez au moins {MIN_QUERY_LENGTH} caractères."
    elif not results:
        status = nothing_found
    else:
        status = f"{len(results)} résultat{'s' if len(results) > 1 else ''}."
    return {"query": query, "results": results, "status": status}


@login_required
def commune_search(request):
    query = request.GET.get("q", "")
    context = _search_context(query, communes_search(query), "Aucune commune trouvée.")
    return render(
        request, "territories/commune_search.html", {"title": "Rechercher une commune", **context}
    )


@login_required
def commune_autocomplete(request):
    query = request.GET.get("q", "")
    context = _search_context(query, communes_search(query), "Aucune commune trouvée.")
    return render(request, "territories/commune_autocomplete.html", context)


@login_required
def commune_detail(request, code: str):
    commune = get_object_or_404(
        Commune.objects.select_related("department__region", "epci"), code=code
    )
    form = RadiusForm(request.GET if "rayon" in request.GET else None)
    radius = form.cleaned_data["rayon"] if form.is_valid() else DEFAULT_RADIUS_KM
    nearby = communes_within(commune, radius)
    page = Paginator(nearby, NEARBY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "territories/commune_detail.html",
        {"title": commune.name, "commune": commune, "form": form, "radius": radius, "page": page},
    )


@login_required
def appellation_search(request):
    query = request.GET.get("q", "")
    context = _search_context(query, appellations_search(query), "Aucun métier trouvé.")
    return render(
        request, "territories/appellation_search.html", {"title": "Rechercher un métier", **context}
    )


@login_required
def appellation_autocomplete(request):
    query = request.GET.get("q", "")
    context = _search_context(query, appellations_search(query), "Aucun métier trouvé.")
    return render(request, "territories/appellation_autocomplete.html", context)
