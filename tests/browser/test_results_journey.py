"""Sophie, business relations officer of the Trélazé employment mission, opens
« Résultats » from the main navigation, filters on last quarter and reads her figures:
the charts drawn by the DSFR's components, each beside its table, and a table's CSV."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"


def test_the_mission_officer_reads_last_quarters_results(page, demo_territory):
    sign_in(page, SOPHIE)
    open_main_nav_link(page, "Résultats")
    expect(page.get_by_role("heading", level=1)).to_have_text("Résultats")
    assert_accessible(page)

    page.get_by_label("Période", exact=True).select_option(label="Le trimestre dernier")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"periode=trimestre-precedent"))
    expect(
        page.get_by_text(re.compile(r"Les chiffres de Mission emploi de Trélazé"))
    ).to_be_visible()

    people = page.get_by_role("table", name="Personnes accompagnées", exact=True)
    expect(people).to_be_visible()
    accompanied = people.locator('tr[data-code="people.accompanied"] td').first
    expect(accompanied).to_have_text(re.compile(r"^\d+$"))
    # A breakdown is drawn (a canvas inside the DSFR's <bar-chart>) beside its table.
    expect(page.locator("bar-chart canvas").first).to_be_attached()
    expect(page.get_by_role("table", name="Nouvelles personnes par canal d'entrée")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger « Personnes accompagnées » (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert f"people.accompanied;Personnes accompagnées;{accompanied.inner_text()};" in text
