"""The reports over known data: their figures are the rows of « Résultats », as files
(PDF, XLSX) from the page and the API, read under the dashboard's rule, each download
in the audit trail."""

import pytest

from audit.models import AuditEntry
from exports.models import Export
from indicators.scopes import scope_for
from indicators.selectors import indicator_table
from reports.catalogue import COUNCIL, PLACEMENTS, REPORTS, report_of
from tests.indicators.test_results import _cells, _pathways
from tests.reports.reading import pdf_text, plain, xlsx_figures, xlsx_rows

pytestmark = pytest.mark.django_db


def test_every_code_a_report_names_is_an_indicator_of_the_page(team, quarter):
    scope = scope_for(team.colleague, f"organisation:{team.organization.pk}")
    codes = {row.code for row in indicator_table(scope, quarter)}
    for template in REPORTS.values():
        for block in template.blocks:
            for code in block.codes:
                if code.endswith("."):
                    assert any(c.startswith(code) for c in codes), (template.code, code)
                else:
                    assert code in codes, (template.code, code)


def test_a_report_picks_the_rows_of_the_page_and_counts_nothing_itself(team, quarter):
    _pathways(team.organization, quarter, 3)
    scope = scope_for(team.colleague, f"organisation:{team.organization.pk}")
    rows = {row.code: row for row in indicator_table(scope, quarter)}
    report = report_of(REPORTS["activite-annuelle"], scope, quarter)
    picked = [row for block in report.blocks for row in block.rows]
    assert picked and all(row == rows[row.code] for row in picked)
    assert report.block("Personnes reçues").rows[0].shown == "3"
    placements = report_of(COUNCIL, scope, quarter).block(PLACEMENTS).rows
    assert [row.code for row in placements][:2] == ["placements.total", "placements.CDI"]
    assert placements[0].shown == "pas encore de données"


def test_the_page_offers_each_report_for_the_chosen_scope_and_period(team, client):
    client.force_login(team.colleague)
    response = client.get("/resultats/rapports/", {"periode": "12-mois"})
    assert response.status_code == 200
    body = response.content.decode()
    for code in REPORTS:
        for extension in ("pdf", "xlsx"):
            assert f"/resultats/rapports/{code}.{extension}?periode=12-mois" in body
    results = client.get("/resultats/", {"periode": "12-mois"}).content.decode()
    assert "/resultats/rapports/?periode=12-mois" in results


def test_the_pdf_and_the_xlsx_say_what_the_page_says_and_are_audited(team, quarter, client):
    _pathways(team.organization, quarter, 6)
    client.force_login(team.colleague)
    page = _cells(client.get("/resultats/").content.decode())
    pdf = client.get("/resultats/rapports/activite-annuelle.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    text = pdf_text(pdf.content)
    assert "Rapport d'activité annuel" in text
    assert team.organization.name in text
    assert plain(f"Personnes accompagnées {' '.join(page['people.accompanied'])}") in text
    xlsx = client.get("/resultats/rapports/activite-annuelle.xlsx")
    assert xlsx.status_code == 200
    figures = xlsx_figures(xlsx.content)
    assert figures["people.accompanied"] == page["people.accompanied"] == ("6", "0")
    assert all(figures[code] == page[code] for code in figures)
    numbers = {row[0]: row[4] for row in xlsx_rows(xlsx.content) if row and row[0] in figures}
    assert numbers["people.accompanied"] == 6
    exports = Export.objects.filter(user=team.colleague).order_by("created_at")
    assert [(e.list_name, e.file_format) for e in exports] == [
        ("rapport-activite-annuelle", "pdf"),
        ("rapport-activite-annuelle", "xlsx"),
    ]
    assert exports[0].params["perimetre"] == [f"organisation:{team.organization.pk}"]
    assert exports[0].rows_total == len(figures)
    assert all(AuditEntry.objects.for_object(e).exists() for e in exports)


def test_an_unknown_report_or_format_or_a_scope_one_may_not_read_is_not_found(team, client):
    client.force_login(team.stranger)
    assert client.get("/resultats/rapports/inconnu.pdf").status_code == 404
    assert client.get("/resultats/rapports/conseil.docx").status_code == 404
    other = {"perimetre": f"organisation:{team.organization.pk}"}
    assert client.get("/resultats/rapports/conseil.pdf", other).status_code == 404
    assert client.get("/resultats/rapports/", other).status_code == 404
    assert (
        client.get("/resultats/rapports/conseil.pdf", {"perimetre": "departement:49"}).status_code
        == 404
    )
    assert not Export.objects.exists()


def test_a_period_the_form_refuses_is_said_not_replaced(team, client):
    client.force_login(team.colleague)
    query = {"periode": "dates", "du": "2026-03-01", "au": "2026-01-01"}
    response = client.get("/resultats/rapports/conseil.pdf", query)
    assert response.status_code == 400
    assert "La date de début est après la date de fin." in response.content.decode()
    assert not Export.objects.exists()


def test_a_coordinators_report_adds_up_its_territory_and_hides_small_cells(
    team, coordinator, quarter, client
):
    _pathways(team.organization, quarter, 4)
    _pathways(team.other, quarter, 3)
    client.force_login(coordinator)
    query = {"perimetre": "epci:244900015"}
    text = pdf_text(client.get("/resultats/rapports/activite-annuelle.pdf", query).content)
    assert "Personnes accompagnées 7 0" in text
    assert "moins de 5" in text
    assert team.organization.name not in text
    figures = xlsx_figures(client.get("/resultats/rapports/conseil.xlsx", query).content)
    assert figures["placements.total"] == ("pas encore de données", "pas encore de données")


def test_the_api_answers_the_same_files(team, quarter, client, bearer):
    _pathways(team.organization, quarter, 2)
    headers = bearer(team.colleague)
    query = {"from": quarter.start.isoformat(), "to": quarter.end.isoformat()}
    api = client.get("/api/v1/indicators", query, headers=headers).json()
    shown = {row["code"]: (row["shown"], row["previous_shown"]) for row in api["indicators"]}
    response = client.get("/api/v1/reports/activite-annuelle.xlsx", query, headers=headers)
    assert response.status_code == 200
    figures = xlsx_figures(response.content)
    assert figures and all(figures[code] == shown[code] for code in figures)
    pdf = client.get("/api/v1/reports/sorties-dynamiques.pdf", query, headers=headers)
    assert pdf.status_code == 200
    assert "Taux de sortie dynamique" in pdf_text(pdf.content)
    assert Export.objects.filter(user=team.colleague).count() == 2


def test_the_api_refuses_what_it_cannot_answer_in_french(team, client, bearer):
    headers = bearer(team.colleague)
    assert client.get("/api/v1/reports/inconnu.pdf", headers=headers).status_code == 404
    assert client.get("/api/v1/reports/conseil", headers=headers).status_code == 404
    response = client.get(
        "/api/v1/reports/conseil.pdf", {"from": "2026-03-01", "to": "2026-01-01"}, headers=headers
    )
    assert response.status_code == 400
    assert "date de début" in response.json()["detail"]
    other = {"scope": "organization", "id": team.other.pk}
    assert client.get("/api/v1/reports/conseil.pdf", other, headers=headers).status_code == 404


def test_the_history_of_exports_names_the_report_downloaded(team, client):
    client.force_login(team.colleague)
    assert client.get("/resultats/rapports/sorties-dynamiques.xlsx").status_code == 200
    history = client.get("/exports/").content.decode()
    assert "Rapport : Taux de sortie dynamique" in history
