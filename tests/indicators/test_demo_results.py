"""The demo territory through « Résultats »: the coordinator of Angers Loire Métropole
reads its figures across organizations and no person's name anywhere; the mission
officer's page and the API say the same; a year of history gives every chart of the
structures and of both territories a shape."""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.services import api_token_create
from demo.build_history import STRUCTURES
from demo.territory import ANGERS_EPCI, AUBRAC_EPCI, DEMO_EMAIL_DOMAIN
from indicators.periods import Period
from indicators.scopes import scope_for
from indicators.selectors import indicator_table
from indicators.suppression import FEWER_THAN
from indicators.tables import tables_of
from lib.calendar_months import add_months
from organizations.enums import Role
from organizations.models import Organization
from persons.models import Person
from tests.exports.helpers import read_xlsx
from tests.indicators.test_results import _cells


def _user(key):
    return get_user_model().objects.get(email__startswith=f"{key}@")


def _files_of(client, body: str, query: dict) -> list[str]:
    """What « Résultats » leads to for the same filters, as text: every per-table CSV,
    the territory map and the XLSX of every indicator."""
    texts = []
    for slug in sorted(set(re.findall(r"/resultats/telecharger/([\w-]+)/", body))):
        response = client.get(f"/resultats/telecharger/{slug}/", query)
        assert response.status_code == 200
        texts.append(response.content.decode())
    assert len(texts) > 10
    carte = client.get("/resultats/carte/", query)
    assert carte.status_code == 200
    assert "<svg" in carte.content.decode()
    texts.append(carte.content.decode())
    assert "/exports/indicateurs.xlsx" in body
    xlsx = client.get("/exports/indicateurs.xlsx", query)
    assert xlsx.status_code == 200
    rows = read_xlsx(xlsx.content)
    assert len(rows) > 50
    texts.append("\n".join(" ; ".join(str(cell) for cell in row) for row in rows))
    return texts


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
    bodies += _files_of(client, body, {"periode": "12-mois"})
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
    bodies += _files_of(client, body, query)
    names = _names()
    for text in bodies:
        assert not [name for name in names if name in text]


def _months(today: date) -> list[Period]:
    """The last 12 whole months."""
    first = today.replace(day=1)
    return [
        Period(add_months(first, -n), add_months(first, -n + 1) - timedelta(days=1))
        for n in range(12, 0, -1)
    ]


def _filled(table, across: bool) -> bool:
    """Whether a chart has something to draw this month: a number above zero, or, across
    organizations, a figure hidden because it rests on 1 to 4 people."""
    return any((row.value or 0) > 0 or (across and row.shown == FEWER_THAN) for row in table.rows)


@pytest.mark.django_db(transaction=False)
def test_every_chart_of_the_demo_dashboards_has_a_year_of_shape(demo, client):
    """Item 7: each chart of the structures' dashboards and of both demo territories
    rests on at least 3 months of the last 12 (month by month, as one would read them
    with « Entre deux dates »), and each is on its page over the last 12 months: drawn
    for a structure; across a territory, drawn or with its small cells « moins de 5 »."""
    staff = get_user_model().objects.get(email__startswith="admin@")
    organizations = [
        Organization.objects.get(email=f"contact@{s.key}.{DEMO_EMAIL_DOMAIN}") for s in STRUCTURES
    ]
    keys = [f"organisation:{o.pk}" for o in organizations]
    keys += [f"epci:{ANGERS_EPCI}", f"epci:{AUBRAC_EPCI}"]
    months = _months(timezone.localdate())
    for key in keys:
        scope = scope_for(staff, key)
        shapes = {}
        for month in months:
            for table in tables_of(indicator_table(scope, month)):
                if table.chart:
                    shapes.setdefault(table.title, 0)
                    shapes[table.title] += _filled(table, scope.across_organizations)
        assert len(shapes) >= 10, key
        flat = {title: months for title, months in shapes.items() if months < 3}
        assert not flat, (scope.label, flat)
    readers = {f"epci:{ANGERS_EPCI}": "helene.coordination", f"epci:{AUBRAC_EPCI}": "sylvie.cc"}
    for organization in organizations:
        member = organization.memberships.filter(role=Role.MEMBER).order_by("pk").first()
        if member is not None:
            readers[f"organisation:{organization.pk}"] = member.user.email.split("@")[0]
    assert len(readers) >= 6
    for key, reader in readers.items():
        client.force_login(_user(reader))
        response = client.get("/resultats/", {"perimetre": key, "periode": "12-mois"})
        assert response.status_code == 200, key
        body = response.content.decode()
        tables = re.findall(r'<table id="tableau-([\w-]+)">', body)
        charts = body.count("<bar-chart ")
        if key.startswith("organisation"):
            assert charts >= 10, key
        else:
            assert charts >= 1, key
            assert FEWER_THAN in body
            assert len(tables) > charts
