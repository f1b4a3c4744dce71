"""Camille exports the people her structure follows from the person list: the XLSX
downloaded by the browser opens with the rows the list counts, and a filtered list
exports its filtered rows. The list page with its « Exporter » buttons passes axe."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from audit.models import AuditEntry
from exports.models import Export
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CAMILLE = "camille.siae@demo.parcours.localhost"


def _listed(page) -> int:
    caption = page.locator("table caption").first.inner_text()
    return int(re.match(r"(\d+) personne", caption).group(1))


def _download(page, link_name: str, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_a_counsellor_downloads_the_people_export_and_opens_it(page, demo_territory, tmp_path):
    sign_in(page, CAMILLE)
    open_main_nav_link(page, "Personnes suivies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnes")
    assert_accessible(page)
    listed = _listed(page)
    assert listed > 0

    path = _download(page, "Exporter (XLSX)", tmp_path)
    assert path.suffix == ".xlsx"
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Nom", "Prénom")
    assert len(rows) - 1 == listed

    # Filtered on a step, the list and its export hold the same people.
    page.get_by_label("Étape du parcours").select_option(label="Parcours en cours")
    page.get_by_role("button", name="Rechercher").click()
    filtered = _listed(page)
    path = _download(page, "Exporter (CSV)", tmp_path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) - 1 == filtered
    assert all(";" in line for line in lines)

    exports = Export.objects.filter(user__email=CAMILLE).order_by("created_at")
    assert [(e.file_format, e.rows_total) for e in exports] == [("xlsx", listed), ("csv", filtered)]
    assert all(AuditEntry.objects.for_object(e).exists() for e in exports)
