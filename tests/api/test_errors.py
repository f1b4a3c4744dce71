"""Bad input to the API is a JSON refusal with a French sentence, never a server error:
the cases fuzzing once found (a huge page, an unknown state, null for a list, year 1, a
NUL byte), an unknown route, a wrong method."""

import pytest

from offers.enums import OfferState
from offers.models import JobOffer
from offers.services import introduction_create
from pathways.enums import PathwayState
from tests.offers.helpers import employer_account, offer

pytestmark = pytest.mark.django_db


def _json(client, method, path, headers, data=None):
    return getattr(client, method)(path, data, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/organizations", "/api/v1/persons", "/api/v1/introductions", "/api/v1/offers"],
)
def test_a_huge_page_number_is_refused_not_a_crash(client, team, bearer, path):
    response = client.get(f"{path}?page=99999999999999999999", headers=bearer(team.colleague))
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "Au plus 100000."


def test_a_page_past_the_end_is_empty(client, team, bearer):
    response = client.get("/api/v1/organizations?page=100000", headers=bearer(team.colleague))
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["count"] == 1


def test_an_unknown_pathway_state_is_refused_in_french(client, team, followed, bearer):
    response = _json(
        client,
        "post",
        f"/api/v1/pathways/{followed.pathway.pk}/transitions",
        bearer(team.colleague),
        {"to_state": ""},
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Données invalides. to_state : Valeur possible")
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.INTAKE


def test_null_for_a_list_of_an_offer_is_refused(client, team, bearer):
    made = offer(team.organization, team.colleague)
    response = _json(
        client,
        "patch",
        f"/api/v1/offers/{made.pk}",
        bearer(team.colleague),
        {"schedule_patterns": None, "positions": 2},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "payload", "schedule_patterns"]
    assert response.json()["errors"][0]["msg"] == "Liste attendue."
    assert JobOffer.objects.get(pk=made.pk).positions == 1


def test_null_for_a_yes_no_field_of_a_person_is_refused(client, team, followed, bearer):
    response = _json(
        client,
        "patch",
        f"/api/v1/persons/{followed.person.pk}",
        bearer(team.colleague),
        {"receives_rsa": None},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "Vrai ou faux (true, false) attendu."


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_date_out_of_range_is_refused(client, team, followed, bearer, day):
    response = _json(
        client,
        "post",
        f"/api/v1/pathways/{followed.pathway.pk}/pass",
        bearer(team.colleague),
        {"number": "99999 22 00001", "start": day},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "Indiquez une date entre 1900 et 2100."


def test_a_nul_byte_is_refused_everywhere(client, team, followed, bearer):
    headers = bearer(team.colleague)
    response = _json(
        client,
        "patch",
        f"/api/v1/persons/{followed.person.pk}",
        headers,
        {"last_name": "Quinta\x00val"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "Caractère interdit (octet nul)."
    followed.person.refresh_from_db()
    assert followed.person.last_name == "Quintaval"
    assert client.get("/api/v1/persons?q=a%00b", headers=headers).status_code == 422


def test_a_text_longer_than_the_column_is_refused(client, team, followed, bearer):
    response = _json(
        client,
        "patch",
        f"/api/v1/persons/{followed.person.pk}",
        bearer(team.colleague),
        {"phone": "0" * 31},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "30 caractères au plus."


def test_an_id_too_large_for_the_database_is_refused(client, team, bearer):
    response = client.get(f"/api/v1/persons/{2**64}", headers=bearer(team.colleague))
    assert response.status_code == 422


def test_an_employer_answer_outside_the_choices_is_refused(client, team, followed, bearer):
    _, employer, bakery = employer_account()
    published = offer(
        team.organization, team.colleague, employer=bakery, state=OfferState.PUBLISHED
    )
    introduction = introduction_create(
        offer=published, person=followed.person, organization=team.organization, user=team.colleague
    )
    response = _json(
        client,
        "post",
        f"/api/v1/employer/candidates/{introduction.pk}/answer",
        bearer(employer),
        {"to_state": "declined", "reason": "sa santé"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "reason"


def test_an_unknown_route_is_a_json_404(client, team, bearer):
    response = client.get("/api/v1/nulle-part", headers=bearer(team.colleague))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Adresse inconnue dans l'API : voir /api/v1/docs."}


def test_a_wrong_method_is_a_json_405(client, team, bearer):
    response = client.put("/api/v1/persons", headers=bearer(team.colleague))
    assert response.status_code == 405
    assert response.json() == {"detail": "Méthode PUT non permise ici."}
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


def test_the_site_keeps_its_html_404_outside_the_api(client, team):
    client.force_login(team.colleague)
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "2099-01-01", "La date de naissance doit être passée."),
        ("phone", "12", "Saisissez un numéro de téléphone valide (10 chiffres)."),
        ("email", "pas-une-adresse", "Saisissez une adresse de courriel valide."),
    ],
)
def test_the_identity_is_checked_as_the_form_checks_it(
    client, team, followed, bearer, field, value, message
):
    response = _json(
        client,
        "patch",
        f"/api/v1/persons/{followed.person.pk}",
        bearer(team.colleague),
        {field: value},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == message
