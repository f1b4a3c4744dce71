"""The dashboard and the API over the same data: who reads which scope, the figures of a
known organization and territory, the same values on the page, the API and the CSV."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from indicators.periods import last_quarter
from indicators.scopes import scope_for
from indicators.selectors import indicator_table
from organizations.enums import OrganizationKind, Role
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory
from tests.factories.territories import EPCIFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter():
    return last_quarter(timezone.localdate())


def _pathways(organization, quarter, how_many):
    return [
        PathwayFactory(organization=organization, started_on=quarter.start + timedelta(days=i))
        for i in range(how_many)
    ]


@pytest.fixture
def coordinator(team):
    organization = OrganizationFactory(kind=OrganizationKind.COORDINATOR)
    organization.served_epcis.add(EPCIFactory())
    return MembershipFactory(organization=organization, role=Role.MEMBER).user


def _cells(body: str) -> dict[str, tuple[str, str]]:
    rows = re.findall(
        r'<tr data-code="([^"]+)">.*?<td>(.*?)</td>\s*<td>(.*?)</td>', body, flags=re.S
    )
    return {code: (now, before) for code, now, before in rows}


def test_it_counts_the_people_of_an_organization_over_the_period_and_the_one_before(team, quarter):
    _pathways(team.organization, quarter, 3)
    PathwayFactory(
        organization=team.organization,
        started_on=quarter.previous().start,
        closed_on=quarter.previous().end,
    )
    scope = scope_for(team.colleague, f"organisation:{team.organization.pk}")
    rows = {row.code: row for row in indicator_table(scope, quarter)}
    assert (rows["people.accompanied"].value, rows["people.accompanied"].previous_value) == (3, 1)
    assert rows["people.new"].value == 3
    assert rows["people.active"].value == 3
    assert rows["people.channel.walk_in"].value == 3


def test_contract_figures_say_no_data_yet_rather_than_zero(team, quarter):
    _pathways(team.organization, quarter, 2)
    scope = scope_for(team.colleague, f"organisation:{team.organization.pk}")
    rows = {row.code: row for row in indicator_table(scope, quarter)}
    assert rows["placements.total"].value is None
    assert rows["placements.total"].shown == "pas encore de données"
    assert rows["retention.month_6"].shown == "pas encore de données"


def test_a_coordinator_reads_its_territory_across_organizations_with_small_cells_hidden(
    team, coordinator, quarter, client
):
    _pathways(team.organization, quarter, 4)
    _pathways(team.other, quarter, 3)
    scope = scope_for(coordinator, "epci:244900015")
    rows = {row.code: row for row in indicator_table(scope, quarter)}
    assert rows["people.accompanied"].value == 7
    assert rows["people.accompanied"].shown == "7"
    assert rows["people.kind.iae"].shown == "7"
    assert rows["people.channel.referral"].shown == "0"
    # Three people in a view across organizations: hidden, on the page as in the API.
    PathwayFactory(organization=team.other, started_on=quarter.start, kind="support")
    rows = {row.code: row for row in indicator_table(scope, quarter)}
    assert rows["people.kind.support"].shown == "moins de 5"
    assert rows["people.kind.support"].value is None
    client.force_login(coordinator)
    body = client.get("/resultats/").content.decode()
    assert _cells(body)["people.kind.support"][0] == "moins de 5"


def test_the_page_the_api_and_the_csv_give_the_same_figures(team, quarter, client, bearer):
    _pathways(team.organization, quarter, 6)
    client.force_login(team.colleague)
    page = _cells(client.get("/resultats/").content.decode())
    api = client.get("/api/v1/indicators", headers=bearer(team.colleague)).json()
    from_api = {row["code"]: (row["shown"], row["previous_shown"]) for row in api["indicators"]}
    assert page == from_api
    assert page["people.accompanied"] == ("6", "0")
    csv = client.get("/resultats/telecharger/personnes-accompagnees/").content.decode()
    assert "people.accompanied;Personnes accompagnées;6;0;personnes" in csv


def test_the_api_reads_a_chosen_period_and_scope(team, quarter, client, bearer):
    _pathways(team.organization, quarter, 2)
    response = client.get(
        "/api/v1/indicators",
        {
            "scope": "organization",
            "id": team.organization.pk,
            "from": quarter.start.isoformat(),
            "to": quarter.end.isoformat(),
        },
        headers=bearer(team.colleague),
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == (quarter.start.isoformat(), quarter.end.isoformat())
    values = {row["code"]: row["value"] for row in body["indicators"]}
    assert values["people.new"] == 2


def test_the_api_refuses_a_period_ending_before_it_starts_in_french(team, client, bearer):
    response = client.get(
        "/api/v1/indicators",
        {"from": "2026-03-01", "to": "2026-01-01"},
        headers=bearer(team.colleague),
    )
    assert response.status_code == 400
    assert "date de début" in response.json()["detail"]


def test_a_stranger_gets_404_for_another_organizations_figures(team, client, bearer):
    key = f"organisation:{team.organization.pk}"
    client.force_login(team.stranger)
    assert client.get("/resultats/", {"perimetre": key}).status_code == 404
    assert client.get("/resultats/telecharger/orientations/", {"perimetre": key}).status_code == 404
    response = client.get(
        "/api/v1/indicators",
        {"scope": "organization", "id": team.organization.pk},
        headers=bearer(team.stranger),
    )
    assert response.status_code == 404


def test_a_territory_is_read_only_by_those_who_may_read_aggregates(team, client, bearer):
    prescriber = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.FRANCE_TRAVAIL)
    ).user
    client.force_login(prescriber)
    assert client.get("/resultats/", {"perimetre": "epci:244900015"}).status_code == 404
    response = client.get(
        "/api/v1/indicators",
        {"scope": "territory", "id": "244900015"},
        headers=bearer(prescriber),
    )
    assert response.status_code == 404


def test_a_coordinator_may_not_read_another_territory(coordinator, client):
    EPCIFactory(code="200067213", name="CC Ailleurs")
    client.force_login(coordinator)
    assert client.get("/resultats/", {"perimetre": "epci:200067213"}).status_code == 404
    assert client.get("/resultats/", {"perimetre": "epci:244900015"}).status_code == 200


def test_the_page_refuses_two_dates_in_the_wrong_order_and_keeps_them(team, client):
    client.force_login(team.colleague)
    response = client.get(
        "/resultats/", {"periode": "dates", "du": "2026-03-01", "au": "2026-01-01"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "La date de début est après la date de fin." in body
    assert 'value="2026-03-01"' in body


def test_the_navigation_offers_the_results_to_a_member(team, client):
    client.force_login(team.colleague)
    assert 'href="/resultats/"' in client.get("/").content.decode()


def test_the_pathway_kind_filter_counts_only_that_kind(team, quarter):
    _pathways(team.organization, quarter, 2)
    PathwayFactory(organization=team.organization, started_on=quarter.start, kind="support")
    key = f"organisation:{team.organization.pk}"
    rows = {
        r.code: r
        for r in indicator_table(scope_for(team.colleague, key, pathway_kind="support"), quarter)
    }
    assert rows["people.accompanied"].value == 1
