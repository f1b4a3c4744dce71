"""The indicators as files: every table of « Résultats » downloaded as CSV and the whole
table as the export list « indicateurs » (XLSX or CSV, page and API) say what the page
says, and each download is in the audit trail as every export is."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from exports.models import Export, ExportState
from indicators.periods import last_quarter
from organizations.enums import OrganizationKind
from tests.exports.helpers import read_xlsx
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory
from tests.factories.territories import EPCIFactory
from tests.indicators.test_results import _cells, _pathways

pytestmark = pytest.mark.django_db

XLSX = "/exports/indicateurs.xlsx"


@pytest.fixture
def quarter():
    return last_quarter(timezone.localdate())


@pytest.fixture
def coordinator(team):
    organization = OrganizationFactory(kind=OrganizationKind.COORDINATOR)
    organization.served_epcis.add(EPCIFactory())
    return MembershipFactory(organization=organization).user


def _sheet(content: bytes) -> dict[str, dict]:
    rows = read_xlsx(content)
    header = rows[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def test_a_table_downloaded_from_the_results_is_written_to_the_audit_trail(team, quarter, client):
    _pathways(team.organization, quarter, 6)
    client.force_login(team.colleague)
    response = client.get("/resultats/telecharger/personnes-accompagnees-par-type-de-parcours/")
    assert response.status_code == 200
    lines = response.content.decode().strip().splitlines()
    export = Export.objects.get()
    assert (export.user, export.organization, export.list_name, export.file_format) == (
        team.colleague,
        team.organization,
        "indicateurs",
        "csv",
    )
    assert export.params == {
        "perimetre": [f"organisation:{team.organization.pk}"],
        "periode": ["dates"],
        "du": [quarter.start.isoformat()],
        "au": [quarter.end.isoformat()],
        "parcours": [],
        "tableau": ["personnes-accompagnees-par-type-de-parcours"],
    }
    assert (export.rows_total, export.state, export.streamed) == (
        len(lines) - 1,
        ExportState.DONE,
        True,
    )
    entry = AuditEntry.objects.for_object(export).get()
    assert (entry.actor, entry.organization) == (team.colleague, team.organization)
    assert entry.changes["rows_total"] == [None, len(lines) - 1]


def test_an_unknown_table_is_not_recorded(team, client):
    client.force_login(team.colleague)
    assert client.get("/resultats/telecharger/nimporte/").status_code == 404
    assert not Export.objects.exists()


def test_the_indicators_xlsx_says_what_the_page_and_the_api_say(team, quarter, client, bearer):
    _pathways(team.organization, quarter, 6)
    PathwayFactory(organization=team.organization, started_on=quarter.previous().start)
    client.force_login(team.colleague)
    body = client.get("/resultats/").content.decode()
    assert f'href="{XLSX}"' in body
    page = _cells(body)
    api = client.get("/api/v1/indicators", headers=bearer(team.colleague)).json()
    response = client.get(XLSX)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = _sheet(response.content)
    assert list(sheet) == [row["code"] for row in api["indicators"]]
    for row in api["indicators"]:
        line = sheet[row["code"]]
        assert (line["Valeur"], line["Valeur de la période précédente"]) == page[row["code"]]
        assert (line["Nombre"], line["Nombre de la période précédente"]) == (
            row["value"],
            row["previous_value"],
        )
        assert (line["Indicateur"], line["Définition"]) == (row["label"], row["definition"])
    assert sheet["people.accompanied"]["Nombre"] == 7
    assert sheet["people.new"]["Valeur"] == "6"
    assert sheet["placements.total"]["Valeur"] == "pas encore de données"
    assert sheet["people.new"]["Du"].date() == quarter.start
    # The same file through the API, with the page's filters.
    from_api = client.get("/api/v1/exports/indicateurs.xlsx", headers=bearer(team.colleague))
    assert from_api.status_code == 200
    assert _sheet(from_api.content) == sheet


def test_the_indicators_xlsx_is_written_to_the_audit_trail_with_its_scope_and_period(
    team, quarter, client
):
    _pathways(team.organization, quarter, 2)
    client.force_login(team.colleague)
    response = client.get(XLSX, {"periode": "trimestre-precedent", "parcours": "iae"})
    rows = read_xlsx(response.content)
    export = Export.objects.get()
    assert (export.list_name, export.file_format, export.rows_total) == (
        "indicateurs",
        "xlsx",
        len(rows) - 1,
    )
    assert export.params == {
        "perimetre": [f"organisation:{team.organization.pk}"],
        "periode": ["dates"],
        "du": [quarter.start.isoformat()],
        "au": [quarter.end.isoformat()],
        "parcours": ["iae"],
    }
    assert AuditEntry.objects.for_object(export).get().actor == team.colleague
    history = client.get("/exports/").content.decode()
    assert "Indicateurs de « Résultats »" in history


def test_the_territory_xlsx_keeps_small_cells_as_the_page_shows_them(
    team, coordinator, quarter, client
):
    _pathways(team.organization, quarter, 4)
    _pathways(team.other, quarter, 3)
    PathwayFactory(organization=team.other, started_on=quarter.start, kind="support")
    client.force_login(coordinator)
    page = _cells(client.get("/resultats/").content.decode())
    sheet = _sheet(client.get(XLSX).content)
    assert page["people.kind.support"][0] == sheet["people.kind.support"]["Valeur"] == "moins de 5"
    assert sheet["people.kind.support"]["Nombre"] is None
    assert sheet["people.accompanied"]["Nombre"] == 8
    assert all(sheet[code]["Valeur"] == shown for code, (shown, _) in page.items())
    assert Export.objects.get().params["perimetre"] == ["epci:244900015"]


def test_a_scope_one_may_not_read_gives_no_file_and_no_record(team, client, bearer):
    key = f"organisation:{team.organization.pk}"
    client.force_login(team.stranger)
    assert client.get(XLSX, {"perimetre": key}).status_code == 404
    table = client.get("/resultats/telecharger/personnes-accompagnees/", {"perimetre": key})
    assert table.status_code == 404
    api = client.get(
        "/api/v1/exports/indicateurs.xlsx", {"perimetre": key}, headers=bearer(team.stranger)
    )
    assert api.status_code == 404
    assert not Export.objects.filter(params__perimetre=[key]).exists()


def test_a_period_the_page_refuses_is_refused_in_french(team, client):
    client.force_login(team.colleague)
    response = client.get(
        reverse("export_list", args=["indicateurs", "xlsx"]),
        {"periode": "dates", "du": "2026-03-01", "au": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "La date de début est après la date de fin." in response.content.decode()
    assert not Export.objects.exists()
