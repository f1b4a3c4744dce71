"""Sophie, business relations officer of the Trélazé employment mission, opens
« Résultats », filters on last quarter, goes to its « Rapports » and downloads the
council report: the PDF opens, its placements table says what the page says. Then she
exports the people her structure follows: the XLSX opens with the rows the list
counts. Every page passes axe."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from exports.models import Export
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in
from tests.reports.reading import pdf_text, plain

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
COUNCIL = "Rapport au conseil municipal ou communautaire"


def _download(page, link, tmp_path):
    with page.expect_download() as info:
        link.click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def _placements(page) -> list[str]:
    """Each placements row of the page as « label figure previous figure »."""
    rows = page.locator('tr[data-code^="placements."]')
    expect(rows.first).to_be_visible()
    return [
        plain(
            " ".join(
                [
                    row.locator("th").inner_text().splitlines()[0],
                    *row.locator("td").all_inner_texts(),
                ]
            )
        )
        for row in rows.all()
    ]


def test_the_mission_officer_downloads_the_council_report_and_the_people(
    page, demo_territory, tmp_path
):
    sign_in(page, SOPHIE)
    open_main_nav_link(page, "Résultats")
    page.get_by_label("Période", exact=True).select_option(label="Le trimestre dernier")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"periode=trimestre-precedent"))
    placements = _placements(page)
    assert len(placements) == 9  # the total and each type of contract
    assert not placements[0].endswith("pas encore de données pas encore de données")

    page.get_by_role("link", name="Rapports du même périmètre et de la même période").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapports")
    expect(page).to_have_url(re.compile(r"/resultats/rapports/\?.*periode=trimestre-precedent"))
    expect(page.get_by_text(re.compile(r"pour Mission emploi de Trélazé"))).to_be_visible()
    assert_accessible(page)

    link = page.get_by_role("link", name=f"Télécharger « {COUNCIL} » (PDF)")
    path = _download(page, link, tmp_path)
    assert path.suffix == ".pdf"
    text = pdf_text(path.read_bytes())
    assert COUNCIL in text
    assert "Placements par type de contrat" in text
    for row in placements:
        assert row in text, row

    open_main_nav_link(page, "Personnes suivies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnes")
    assert_accessible(page)
    caption = page.locator("table caption").first.inner_text()
    listed = int(re.match(r"(\d+) personne", caption).group(1))
    assert listed > 0
    path = _download(page, page.get_by_role("link", name="Exporter (XLSX)"), tmp_path)
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Nom", "Prénom")
    assert len(rows) - 1 == listed

    exports = Export.objects.filter(user__email=SOPHIE).order_by("created_at")
    assert [(e.list_name, e.file_format) for e in exports] == [
        ("rapport-conseil", "pdf"),
        ("personnes", "xlsx"),
    ]
