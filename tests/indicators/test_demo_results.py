"""The demo territory through « Résultats »: the coordinator of Angers Loire Métropole
reads its figures across organizations and no person's name anywhere; the mission
officer's page and the API say the same."""

import json
import re

import pytest
from django.contrib.auth import get_user_model

from accounts.services import api_token_create
from persons.models import Person
from tests.indicators.test_results import _cells


def _user(key):
    return get_user_model().objects.get(email__startswith=f"{key}@")


def _names():
    names = set()
    for first, last in Person.objects.values_list("first_name", "last_name"):
        names |= {f"{first} {last}", f"{last.upper()} {first}", f"{last} {first}"}
    return names


@pytest.mark.django_db(transaction=False)
def test_the_coordinator_sees_the_territory_and_no_name_anywhere(demo, client):
    coordinator = _user("helene.coordination")
    client.force_login(coordinator)
    page = client.get("/resultats/", {"periode": "12-mois"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "CU Angers Loire Métropole" in body
    assert "moins de 5" in body
    cells = _cells(body)
    assert cells["people.accompanied"][0] not in ("0", "moins de 5", "pas encore de données")
    _, raw = api_token_create(user=coordinator, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    bodies = [body]
    for query in ({}, {"scope": "territory", "id": "244900015"}):
        response = client.get("/api/v1/indicators", query, headers=headers)
        assert response.status_code == 200
        bodies.append(json.dumps(response.json(), ensure_ascii=False))
    for slug in set(re.findall(r"/resultats/telecharger/([\w-]+)/", body)):
        bodies.append(
            client.get(f"/resultats/telecharger/{slug}/", {"periode": "12-mois"}).content.decode()
        )
    names = _names()
    assert len(names) > 30
    for text in bodies:
        assert not [name for name in names if name in text]


@pytest.mark.django_db(transaction=False)
def test_the_mission_officers_page_and_the_api_agree_on_last_quarter(demo, client):
    officer = _user("sophie.mission")
    client.force_login(officer)
    page = _cells(client.get("/resultats/", {"periode": "trimestre-precedent"}).content.decode())
    _, raw = api_token_create(user=officer, name="t")
    api = client.get("/api/v1/indicators", headers={"Authorization": f"Bearer {raw}"}).json()
    assert api["scope"] == "organization"
    assert page == {row["code"]: (row["shown"], row["previous_shown"]) for row in api["indicators"]}


@pytest.mark.django_db(transaction=False)
def test_the_coordinator_reads_the_structures_it_funds_and_no_name_anywhere(demo, client):
    coordinator = _user("helene.coordination")
    funder = coordinator.memberships.get().organization
    funded = sorted(funder.funded.values_list("name", flat=True))
    assert len(funded) == 4
    client.force_login(coordinator)
    query = {"periode": "12-mois", "perimetre": f"financeur:{funder.pk}"}
    body = client.get("/resultats/", query).content.decode()
    assert f"Structures financées par {funder.name}" in body
    cells = _cells(body)
    assert cells["people.accompanied"][0] not in ("0", "moins de 5", "pas encore de données")
    _, raw = api_token_create(user=coordinator, name="t")
    api = client.get(
        "/api/v1/indicators",
        {"scope": "funder", "id": funder.pk},
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert api.status_code == 200 and api.json()["across_organizations"] is True
    bodies = [body, json.dumps(api.json(), ensure_ascii=False)]
    for slug in set(re.findall(r"/resultats/telecharger/([\w-]+)/", body)):
        bodies.append(client.get(f"/resultats/telecharger/{slug}/", query).content.decode())
    names = _names()
    for text in bodies:
        assert not [name for name in names if name in text]
