"""Contract and in-job follow-up pages."""

from django.urls import path

from www.views import employment

P = "personnes/<int:person_pk>/"
C = P + "contrats/<int:contract_pk>/"

urlpatterns = [
    path(
        P + "parcours/<int:pathway_pk>/contrats/nouveau/",
        employment.contract_create,
        name="contract_create",
    ),
    path(C, employment.contract_detail, name="contract_detail"),
    path(C + "changement/", employment.contract_change, name="contract_change"),
    path(C + "rupture/", employment.contract_break, name="contract_break"),
    path(C + "fin/", employment.contract_end, name="contract_end"),
    path(C + "suivi/<int:side_pk>/", employment.checkpoint_side, name="checkpoint_side"),
    path("alertes-emploi/<int:alert_pk>/traitee/", employment.alert_close, name="alert_close"),
]
