"""Journey of cooperation (seeds 001 and 002), from the pages alone:

1. Hélène, who leads the working group of the Angers employment area, opens its board of
   action sheets and marks the site visits sheet « fait » (htmx moves the card in place).
2. Camille, of a member SIAE, finds the sheet « fait » on the board, with its log.
3. Inès, of the GE Agri-Anjou, advances the partnership with Les Jardins de la Maine
   from phase 4 to phase 5 (the structure introduced), with its notes.
4. Yann, of Les Jardins de la Maine, reads the new phase and Inès's notes; the employer
   group's page counts the results and names no one."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cooperation.enums import Phase, SheetState
from cooperation.models import ActionSheet, Partnership
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DOMAIN = "demo.parcours.localhost"
SHEET = "Visites de chantier pour les agents prescripteurs"
GROUP = "Alliance prescripteurs et SIAE du bassin d'Angers (démo)"
NOTES = "Les Jardins de la Maine présentés aux chefs de culture des Maraîchers."


def test_the_group_finishes_a_sheet_and_the_partnership_advances_a_phase(page, demo_territory):
    # 1. Hélène marks the site visits « fait » from the board.
    sign_in(page, f"helene.coordination@{DOMAIN}")
    open_main_nav_link(page, "Groupes de travail")
    expect(page.get_by_role("heading", level=1)).to_have_text("Groupes de travail")
    assert_accessible(page)
    page.get_by_role("link", name=GROUP).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUP)
    expect(
        page.get_by_role("listitem").filter(has_text="Améliorer les passerelles")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Tableau des fiches-action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiches-action")
    assert_accessible(page)
    page.get_by_role("button", name=f"Marquer comme fait : {SHEET}").click()
    expect(page.locator("#colonne-done").locator("..")).to_contain_text(SHEET)
    expect(page.get_by_role("button", name=f"Rouvrir : {SHEET}")).to_be_visible()
    assert_accessible(page)
    sheet = ActionSheet.objects.get(title=SHEET)
    assert sheet.state == SheetState.DONE
    assert sheet.transitions.last().by.email == f"helene.coordination@{DOMAIN}"
    sign_out(page)

    # 2. Camille, of a member SIAE, reads it on the board and on the sheet's page.
    sign_in(page, f"camille.siae@{DOMAIN}")
    page.goto(reverse("sheet_board", args=[sheet.group_id]))
    expect(page.locator("#colonne-done").locator("..")).to_contain_text(SHEET)
    page.get_by_role("link", name=SHEET).click()
    expect(page.locator("#etat-fiche")).to_have_text("Fait")
    expect(page.get_by_text("En cours → Fait, par Hélène Dumas")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # 3. Inès, of the employer group, advances the partnership to phase 5.
    sign_in(page, f"ines.ge@{DOMAIN}")
    open_main_nav_link(page, "Partenariats")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partenariats")
    assert_accessible(page)
    page.get_by_role("link", name="GE Agri-Anjou — groupement d'employeurs (démo)").click()
    expect(page.locator("#phase-actuelle")).to_have_text(
        "Phase 4 sur 6 : Document d'analyse validé"
    )
    assert_accessible(page)
    page.get_by_label("Phase atteinte").select_option(Phase.INTRODUCED)
    page.get_by_label("Notes").fill(NOTES)
    page.get_by_role("button", name="Enregistrer la phase").click()
    expect(page.get_by_role("status").first).to_contain_text("Structure présentée")
    expect(page.locator("#phase-actuelle")).to_have_text("Phase 5 sur 6 : Structure présentée")
    body = page.content()
    for name in ("Alain", "Mercier", "Nadège", "Poulain"):
        assert name not in body, f"l'employeur lit « {name} »"
    sign_out(page)

    # 4. Yann, of the structure, reads the new phase and Inès's notes.
    sign_in(page, f"yann.aci@{DOMAIN}")
    partnership = Partnership.objects.get(is_demo=True)
    assert partnership.phase == Phase.INTRODUCED
    page.goto(reverse("partnership_detail", args=[partnership.pk]))
    expect(page.locator("#phase-actuelle")).to_have_text("Phase 5 sur 6 : Structure présentée")
    expect(page.get_by_text(NOTES)).to_be_visible()
    expect(page.get_by_text("Inès Ferrand").first).to_be_visible()
    assert_accessible(page)
