"""Person pages: list, creation with duplicate check, situation and project, merge."""

from django.urls import path

from www.views import person_data, person_merge, person_project, persons

P = "personnes/<int:person_pk>/"

urlpatterns: list = [
    path("personnes/", persons.person_list, name="person_list"),
    path("personnes/nouvelle/", persons.person_create, name="person_create"),
    path("choix/metiers/", persons.appellation_options, name="appellation_options"),
    path(P, person_project.person_detail, name="person_detail"),
    path(
        P + "identite/",
        person_project.person_edit_section,
        {"section": "identity"},
        name="person_edit_identity",
    ),
    path(
        P + "situation/",
        person_project.person_edit_section,
        {"section": "situation"},
        name="person_edit_situation",
    ),
    path(
        P + "mobilite/",
        person_project.person_edit_section,
        {"section": "mobility"},
        name="person_edit_mobility",
    ),
    path(
        P + "disponibilites/",
        person_project.person_edit_section,
        {"section": "availability"},
        name="person_edit_availability",
    ),
    path(
        P + "contrats-souhaites/",
        person_project.person_edit_wanted_work,
        name="person_edit_wanted_work",
    ),
    path(P + "metiers/ajouter/", person_project.person_wish_add, name="person_wish_add"),
    path(P + "metiers/<int:wish_pk>/", person_project.person_wish_edit, name="person_wish_edit"),
    path(
        P + "metiers/<int:wish_pk>/retirer/",
        person_project.person_wish_remove,
        name="person_wish_remove",
    ),
    path(
        P + "metiers/<int:wish_pk>/deplacer/",
        person_project.person_wish_move,
        name="person_wish_move",
    ),
    path(
        P + "experiences/ajouter/",
        person_project.person_experience_edit,
        name="person_experience_add",
    ),
    path(
        P + "experiences/<int:experience_pk>/",
        person_project.person_experience_edit,
        name="person_experience_edit",
    ),
    path(
        P + "experiences/<int:experience_pk>/retirer/",
        person_project.person_experience_remove,
        name="person_experience_remove",
    ),
    path(P + "consentements/", person_project.person_consent_add, name="person_consent_add"),
    path(P + "fusionner/", person_merge.person_merge, name="person_merge"),
    path(P + "donnees.json", person_data.person_data_json, name="person_data_json"),
    path(P + "donnees.pdf", person_data.person_data_pdf, name="person_data_pdf"),
    path(P + "effacer/", person_data.person_erase, name="person_erase"),
]
