"""Contract and in-job follow-up pages."""

from django.urls import path

from www.views import employer_follow_up, employment, follow_up_calendar

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
    path(
        C + "suivi/<int:side_pk>/lien-employeur/",
        employment.employer_link_send,
        name="employer_link_send",
    ),
    # The employer's link (no sign-in: the token is the key).
    path(
        "employeur/suivi/<str:token>/",
        employer_follow_up.employer_follow_up,
        name="employer_follow_up",
    ),
    path(
        "organisations/<int:pk>/suivi-dans-l-emploi/",
        follow_up_calendar.follow_up_calendar,
        name="follow_up_calendar",
    ),
    path("alertes-emploi/<int:alert_pk>/traitee/", employment.alert_close, name="alert_close"),
]
