"""The demo territory's reports: the mission officer's council report says what her
page « Résultats » and the API say; the coordinator's reports of Angers Loire Métropole
add up its organizations, hide small cells and name no one."""

import json

import pytest

from accounts.services import api_token_create
from indicators.selectors import catalogue
from reports.catalogue import COUNCIL, PLACEMENTS, REPORTS
from tests.indicators.test_demo_results import _names, _user
from tests.indicators.test_results import _cells
from tests.reports.reading import pdf_text, plain, xlsx_figures, xlsx_rows


@pytest.mark.django_db(transaction=False)
def test_the_council_report_says_what_the_page_and_the_api_say(demo, client):
    officer = _user("sophie.mission")
    client.force_login(officer)
    query = {"periode": "trimestre-precedent"}
    page = _cells(client.get("/resultats/", query).content.decode())
    _, raw = api_token_create(user=officer, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    api = client.get("/api/v1/indicators", headers=headers).json()
    from_api = {row["code"]: (row["shown"], row["previous_shown"]) for row in api["indicators"]}
    assert page == from_api

    text = pdf_text(client.get("/resultats/rapports/conseil.pdf", query).content)
    labels = {indicator.code: indicator.label for indicator in catalogue()}
    placements = next(block for block in COUNCIL.blocks if block.title == PLACEMENTS)
    assert page["placements.total"][0] not in ("0", "pas encore de données")
    for code in placements.codes:
        assert plain(f"{labels[code]} {' '.join(page[code])}") in text, code

    for template in REPORTS.values():
        sheet = xlsx_figures(client.get(f"/resultats/rapports/{template.code}.xlsx", query).content)
        assert sheet and all(sheet[code] == page[code] for code in sheet), template.code
        by_api = xlsx_figures(
            client.get(f"/api/v1/reports/{template.code}.xlsx", headers=headers).content
        )
        assert by_api == sheet


@pytest.mark.django_db(transaction=False)
def test_the_coordinators_reports_name_no_one_and_hide_small_cells(demo, client):
    coordinator = _user("helene.coordination")
    client.force_login(coordinator)
    _, raw = api_token_create(user=coordinator, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    query = {"periode": "12-mois"}
    page = client.get("/resultats/rapports/", query).content.decode()
    assert "CU Angers Loire Métropole" in page
    texts = [page]
    for template in REPORTS.values():
        pdf = pdf_text(client.get(f"/resultats/rapports/{template.code}.pdf", query).content)
        assert "CU Angers Loire Métropole" in pdf
        sheet = client.get(f"/resultats/rapports/{template.code}.xlsx", query).content
        texts += [pdf, json.dumps(xlsx_rows(sheet), ensure_ascii=False, default=str)]
        api = client.get(f"/api/v1/reports/{template.code}.pdf", headers=headers)
        assert api.status_code == 200
        texts.append(pdf_text(api.content))
    assert any("moins de 5" in text for text in texts)
    names = _names()
    assert len(names) > 30
    for text in texts:
        assert not [name for name in names if plain(name) in text]
