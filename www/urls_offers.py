from django.urls import path

from www.views import (
    employer,
    employer_members,
    introduction_link,
    introductions,
    offers,
    public_offers,
)

urlpatterns = [
    # Public board (no sign-in)
    path("offres/", public_offers.public_offer_list, name="public_offer_list"),
    path("offres/<int:offer_pk>/", public_offers.public_offer_detail, name="public_offer_detail"),
    path(
        "offres/<int:offer_pk>/envoye/", public_offers.public_offer_sent, name="public_offer_sent"
    ),
    path(
        "offres/choix/communes/",
        public_offers.public_commune_options,
        name="public_commune_options",
    ),
    path("offres/choix/metiers/", public_offers.public_job_options, name="public_job_options"),
    path(
        "offres/actualite/<str:token>/",
        public_offers.offer_still_current,
        name="offer_still_current",
    ),
    # Managing offers
    path("offres/nouvelle/", offers.offer_create, name="offer_create"),
    path("offres/gestion/", offers.offer_list, name="offer_list"),
    path("offres/gestion/<int:offer_pk>/", offers.offer_detail, name="offer_detail"),
    path("offres/gestion/<int:offer_pk>/etapes/<slug:step>/", offers.offer_step, name="offer_step"),
    path("offres/gestion/<int:offer_pk>/etat/", offers.offer_transition, name="offer_transition"),
    path("offres/gestion/<int:offer_pk>/actualite/", offers.offer_confirm, name="offer_confirm"),
    path(
        "offres/gestion/<int:offer_pk>/presenter/",
        offers.introduction_create,
        name="offer_introduction_create",
    ),
    path(
        "mises-en-relation/<int:introduction_pk>/envoyer/",
        introductions.introduction_send,
        name="introduction_send",
    ),
    path(
        "mises-en-relation/<int:introduction_pk>/cloturer/",
        introductions.introduction_close,
        name="introduction_close",
    ),
    path("offres/choix/entreprises/", offers.company_options, name="offer_company_options"),
    path(
        "offres/gestion/choix/entreprises/",
        offers.managed_company_options,
        name="offer_list_company_options",
    ),
    # Employer space
    path("employeur/", employer.employer_space, name="employer_space"),
    path("employeur/membres/", employer_members.employer_members, name="employer_members"),
    path(
        "employeur/membres/ajouter/",
        employer_members.employer_member_add,
        name="employer_member_add",
    ),
    path(
        "employeur/membres/<int:group_membership_pk>/sortie/",
        employer_members.employer_member_leave,
        name="employer_member_leave",
    ),
    path(
        "employeur/candidatures/<int:introduction_pk>/",
        employer.employer_candidate,
        name="employer_candidate",
    ),
    path(
        "employeur/demandes/<int:interest_pk>/",
        employer.employer_interest,
        name="employer_interest",
    ),
    path(
        "employeur/demandes/<int:interest_pk>/repondre/",
        employer.interest_answer,
        name="employer_interest_answer",
    ),
    path(
        "employeur/mises-en-relation/<int:introduction_pk>/repondre/",
        employer.introduction_answer,
        name="introduction_answer",
    ),
    # The link emailed to the employer's contact (no sign-in).
    path(
        "employeur/candidature/<str:token>/",
        introduction_link.introduction_link,
        name="introduction_link",
    ),
]
