"""The error pages say what happened and where to go, in French, in the site's layout;
the 500 page shows even when the database and the context processors fail."""

import json

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from offers.enums import OfferState
from tests.factories.persons import PersonFactory
from tests.offers.helpers import offer
from www.views.errors import server_error

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.www.error_urls")]


def _body(response) -> str:
    return response.content.decode()


def test_an_unknown_page_answers_a_french_404_with_the_way_to_sign_in(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    body = _body(response)
    assert "<title>Page introuvable — Parcours</title>" in body
    assert "<h1>Page introuvable</h1>" in body
    assert f'href="{reverse("account_login")}">Se connecter</a>' in body
    assert 'id="pied-de-page"' in body  # the site's layout


def test_a_person_out_of_reach_answers_the_404_page_with_the_navigation(client, team):
    client.force_login(team.stranger)
    referer = "http://testserver" + reverse("person_list")
    response = client.get(reverse("person_detail", args=[PersonFactory().pk]), HTTP_REFERER=referer)
    assert response.status_code == 404
    body = _body(response)
    assert "<h1>Page introuvable</h1>" in body
    assert 'aria-label="Menu principal"' in body
    assert f'href="{referer}">Revenir à la page précédente</a>' in body
    assert "Se connecter</a>" not in body


def test_the_way_back_never_leads_to_another_site(client):
    response = client.get("/nulle-part/", HTTP_REFERER="https://pirate.example/piege")
    assert "pirate.example" not in _body(response)


def test_a_forbidden_action_answers_a_french_403_naming_the_organization(client, team):
    client.force_login(team.colleague)
    response = client.get("/essai/interdit/")
    assert response.status_code == 403
    body = _body(response)
    assert "<h1>Accès refusé</h1>" in body
    assert "(en ce moment : Chantier des Tests)" in body


def test_a_bad_request_answers_a_french_400(client):
    response = client.get("/essai/suspect/")
    assert response.status_code == 400
    assert "<h1>Requête invalide</h1>" in _body(response)
    response = client.get("/", HTTP_HOST="pirate.example")
    assert response.status_code == 400
    assert "<h1>Requête invalide</h1>" in _body(response)


def test_a_crash_answers_a_french_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/essai/boum/")
    assert response.status_code == 500
    body = _body(response)
    assert "<h1>Erreur inattendue</h1>" in body
    assert f'href="{reverse("home")}">Retour à l\'accueil</a>' in body
    assert "la base ne répond plus" not in body


def _failing_context_processor(request):
    raise RuntimeError("un processeur de contexte en panne")


def test_the_500_page_needs_neither_the_database_nor_the_context_processors(
    django_assert_num_queries,
):
    templates = [{**settings.TEMPLATES[0]}]
    templates[0]["OPTIONS"] = {
        **templates[0]["OPTIONS"],
        "context_processors": ["tests.www.test_error_pages._failing_context_processor"],
    }
    with override_settings(TEMPLATES=templates), django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "<h1>Erreur inattendue</h1>" in _body(response)


def test_under_the_api_errors_answer_json(client):
    missing = client.get("/api/v1/nulle-part")
    assert missing.status_code == 404
    assert json.loads(missing.content) == {
        "detail": "Adresse inconnue dans l'API : voir /api/v1/docs."
    }
    crash = Client(raise_request_exception=False).get("/api/v1/essai/boum/")
    assert crash.status_code == 500
    assert json.loads(crash.content) == {"detail": "Erreur interne : réessayez plus tard."}


def test_an_expired_form_answers_a_french_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@exemple.fr", "password": "x"})
    assert response.status_code == 403
    body = _body(response)
    assert "<title>Formulaire expiré — Parcours</title>" in body
    assert "rien n'a été enregistré" in body


def test_a_post_only_address_opened_directly_answers_a_french_405_leading_to_its_form(client, team):
    client.force_login(team.colleague)
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    response = client.get(reverse("offer_introduction_create", args=[made.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    body = _body(response)
    assert "<title>Cette adresse s&#x27;ouvre depuis un formulaire — Parcours</title>" in body
    assert "<h1>Cette adresse s'ouvre depuis un formulaire</h1>" in body
    form_page = reverse("offer_detail", args=[made.pk])
    assert f'href="{form_page}">Aller à la page du formulaire</a>' in body
    assert 'aria-label="Menu principal"' in body  # the site's layout, with the navigation


def test_a_405_whose_form_page_cannot_be_told_leads_home(client, team):
    client.force_login(team.colleague)
    response = client.get("/essai/post-seulement/")  # its parent, /essai/, is no page
    assert response.status_code == 405
    body = _body(response)
    assert "Aller à la page du formulaire" not in body
    assert f'href="{reverse("home")}">Retour à l\'accueil</a>' in body


def test_the_api_keeps_its_json_405(client, team, bearer):
    response = client.put("/api/v1/persons", headers=bearer(team.colleague))
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
