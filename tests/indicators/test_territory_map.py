"""« Carte du territoire »: the people accompanied by commune, counted as « Résultats »
counts them, drawn as points beside their table, small cells hidden across
organizations."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.geography import UNKNOWN_COMMUNE, commune_figures, map_points
from indicators.periods import last_quarter
from indicators.scopes import scope_for
from indicators.selectors import indicator_table
from organizations.enums import OrganizationKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory
from tests.factories.territories import EPCIFactory, commune_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter():
    return last_quarter(timezone.localdate())


@pytest.fixture
def coordinator(team):
    organization = OrganizationFactory(kind=OrganizationKind.COORDINATOR)
    organization.served_epcis.add(EPCIFactory())
    return MembershipFactory(organization=organization).user


@pytest.fixture
def communes():
    return (
        commune_at("49007", "Angers", 47.47, -0.55),
        commune_at("49353", "Trélazé", 47.45, -0.47),
    )


def _people(organization, quarter, commune, how_many):
    for day in range(how_many):
        PathwayFactory(
            organization=organization,
            started_on=quarter.start + timedelta(days=day),
            person__commune=commune,
        )


def test_the_people_by_commune_add_up_to_the_people_accompanied(team, quarter, communes):
    angers, trelaze = communes
    _people(team.organization, quarter, angers, 3)
    _people(team.organization, quarter, trelaze, 1)
    _people(team.organization, quarter, None, 2)
    scope = scope_for(team.colleague, f"organisation:{team.organization.pk}")
    places = commune_figures(scope, quarter)
    assert [(p.name, p.people_shown) for p in places] == [
        ("Angers", "3"),
        ("Trélazé", "1"),
        (UNKNOWN_COMMUNE, "2"),
    ]
    accompanied = next(r for r in indicator_table(scope, quarter) if r.code == "people.accompanied")
    assert sum(p.people.value for p in places) == accompanied.value == 6
    points = map_points(places)
    assert len(points) == 2  # the unknown commune is in the table only
    assert all(0 <= point.x <= 100 and 0 <= point.y <= 100 for point in points)
    east = next(point for point in points if point.place.name == "Trélazé")
    west = next(point for point in points if point.place.name == "Angers")
    assert east.x > west.x and east.y > west.y  # Trélazé is east and south of Angers
    assert west.radius > east.radius


def test_a_coordinator_reads_small_communes_as_fewer_than_five(
    team, coordinator, quarter, communes, client
):
    angers, trelaze = communes
    _people(team.organization, quarter, angers, 5)
    _people(team.other, quarter, trelaze, 2)
    client.force_login(coordinator)
    response = client.get("/resultats/carte/", {"perimetre": "epci:244900015"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<svg viewBox="0 0 100 100"' in body
    assert '<tr data-commune="49007"><th scope="row">Angers</th><td>5</td>' in body
    assert '<tr data-commune="49353"><th scope="row">Trélazé</th><td>moins de 5</td>' in body
    scope = scope_for(coordinator, "epci:244900015")
    hidden = next(p for p in map_points(commune_figures(scope, quarter)) if p.place.code == "49353")
    assert hidden.radius == 1.2  # the smallest point: its size does not tell the figure


def test_a_stranger_does_not_read_the_teams_map(team, client):
    client.force_login(team.stranger)
    query = {"perimetre": f"organisation:{team.organization.pk}"}
    assert client.get("/resultats/carte/", query).status_code == 404


def test_the_map_costs_the_same_queries_for_more_communes(team, quarter, client):
    client.force_login(team.colleague)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/resultats/carte/").status_code == 200
        return len(captured)

    _people(team.organization, quarter, commune_at("49007", "Angers", 47.47, -0.55), 2)
    queries()  # the first request of a session reads more (the session, the caches)
    few = queries()
    for index in range(5):
        commune = commune_at(f"4910{index}", f"Commune {index}", 47.4 + index / 100, -0.5)
        _people(team.organization, quarter, commune, 2)
    assert queries() == few
