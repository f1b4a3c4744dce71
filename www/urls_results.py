"""« Résultats »: the dashboards of indicators."""

from django.urls import path

from www.views import results, results_map

urlpatterns = [
    path("resultats/", results.results, name="results"),
    path("resultats/telecharger/<slug:table>/", results.results_csv, name="results_csv"),
    path("resultats/carte/", results_map.results_map, name="results_map"),
]
