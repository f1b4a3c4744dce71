"""Camille, counsellor of two SIAE of the Angers area, signs in, switches from one
organization to the other, and looks for a commune and the communes around it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CAMILLE = "camille.siae@demo.parcours.localhost"
JARDINS = "Les Jardins de la Maine — chantier d'insertion (démo)"
TRELAZE_SERVICES = "Trélazé Services — association intermédiaire (démo)"
# Yann works for the Jardins only: he is in Camille's team there, not at Trélazé Services.
TEAMS = {JARDINS: (3, "Yann Leroux"), TRELAZE_SERVICES: (2, None)}


def test_a_counsellor_switches_organization_and_finds_communes_near_trelaze(page, demo_territory):
    sign_in(page, CAMILLE)

    # The home page: who she acts for, and that organization's team.
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    lead = page.locator("p.fr-text--lead")
    expect(lead).to_contain_text("Vous agissez pour")
    first, other = (
        (JARDINS, TRELAZE_SERVICES) if JARDINS in lead.inner_text() else (TRELAZE_SERVICES, JARDINS)
    )
    expect(lead).to_contain_text(first)
    expect_team(page, first)
    assert_accessible(page)

    # The header's switcher: act for the other organization.
    switcher = page.get_by_label("Vous agissez pour")
    expect(switcher).to_be_visible()
    expect(switcher.locator("option:checked")).to_contain_text(first)
    switcher.select_option(switcher.locator("option", has_text=other).get_attribute("value"))
    page.get_by_role("button", name="Changer", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"Vous agissez maintenant pour {other}"
    )
    expect(lead).to_contain_text(other)
    expect(lead).not_to_contain_text(first)
    expect_team(page, other)
    expect(page.get_by_label("Vous agissez pour").locator("option:checked")).to_contain_text(other)
    assert_accessible(page)

    # The territory: find Trélazé by typing its name without accents.
    open_main_nav_link(page, "Territoire")
    expect(page).to_have_url(re.compile(re.escape(reverse("commune_search")) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher une commune")
    assert_accessible(page)

    search = page.get_by_label("Nom de la commune ou code postal")
    search.press_sequentially("trelaze", delay=30)
    # Live results (htmx): the list and its status line change without a page load.
    results = page.locator("#commune-results")
    trelaze = results.get_by_role("link", name="Trélazé", exact=True)
    expect(trelaze).to_be_visible()
    expect(page.locator("#commune-status")).to_have_text(re.compile(r"^\d+ résultats?\.$"))
    expect(page).to_have_url(re.compile(re.escape(reverse("commune_search")) + "$"))
    assert_accessible(page)

    trelaze.click()
    expect(page).to_have_url(re.compile(re.escape(reverse("commune_detail", args=["49353"]))))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trélazé")
    expect(page.locator("dl")).to_contain_text("49353")
    expect(page.locator("dl")).to_contain_text("Maine-et-Loire (49)")
    assert_accessible(page)

    # The radius search, nearest first, with distances between the communes' centres:
    # within 5 km, Saint-Barthélemy-d'Anjou (2.5 km) and Les Ponts-de-Cé (3.7 km), not
    # Angers (7.2 km), which the 10 km radius reaches.
    page.get_by_label("Rayon").select_option(label="5 km")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"rayon=5"))
    table = page.get_by_role("table")
    expect(table.locator("caption")).to_contain_text("2 communes à moins de 5 km de Trélazé")
    assert _nearby_rows(table) == [
        ("Saint-Barthélemy-d'Anjou", "2,5 km"),
        ("Les Ponts-de-Cé", "3,7 km"),
    ]
    assert_accessible(page)

    page.get_by_label("Rayon").select_option(label="10 km")
    page.get_by_role("button", name="Afficher").click()
    expect(table.locator("caption")).to_contain_text("à moins de 10 km de Trélazé")
    nearby = _nearby_rows(table)
    assert ("Angers", "7,2 km") in nearby
    assert len(nearby) > 2
    distances = [float(distance.removesuffix(" km").replace(",", ".")) for _, distance in nearby]
    assert distances == sorted(distances) and distances[-1] <= 10, nearby


def expect_team(page, organization: str) -> None:
    """The home page's team panel lists the members of `organization`."""
    size, colleague = TEAMS[organization]
    heading = page.get_by_role("heading", name=f"Votre équipe ({size})", exact=True)
    expect(heading).to_be_visible()
    team = page.locator("section", has=heading)
    expect(team).to_contain_text("Camille Roussel")
    if colleague:
        expect(team).to_contain_text(colleague)
    else:
        expect(team).not_to_contain_text("Yann Leroux")


def _nearby_rows(table) -> list[tuple[str, str]]:
    """(commune, distance) of each row of the nearby communes' table."""
    rows = table.locator("tbody tr")
    expect(rows.first).to_be_visible()
    return [
        (row.locator("td").nth(0).inner_text(), row.locator("td").nth(3).inner_text())
        for row in rows.all()
    ]
