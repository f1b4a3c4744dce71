"""Camille, counsellor of two SIAE of the Angers area, opens « Besoins du territoire »
from the main navigation, chooses Angers Loire Métropole and reads the barrier to lift
first, then crosses an employer group's needs with the wishes of the people."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CAMILLE = "camille.siae@demo.parcours.localhost"
# « Lever … de 1 personne ouvrirait 2 mises en relation »: counts above zero.
FIRST_BARRIER = re.compile(
    r"^Lever .+ de [1-9]\d* personnes? ouvrirait [1-9]\d* mises? en relation"
)


def test_the_angers_area_names_the_barrier_to_lift_first(page, demo_territory):
    sign_in(page, CAMILLE)
    open_main_nav_link(page, "Besoins du territoire")
    expect(page.get_by_role("heading", level=1)).to_have_text("Besoins du territoire")
    assert_accessible(page)

    epci = page.get_by_label("EPCI", exact=True)
    epci.select_option(label=epci.locator("option", has_text="Angers").inner_text())
    page.get_by_role("button", name="Voir ce territoire").click()

    expect(page.get_by_role("heading", level=2, name=re.compile("Angers"))).to_be_visible()
    callout = page.locator("#frein-prioritaire .fr-callout__title")
    expect(callout).to_have_text(FIRST_BARRIER)
    table = page.get_by_role("table", name=re.compile("Freins classés"))
    expect(table.get_by_role("link").first).to_be_visible()  # a partner service nearby
    expect(page.get_by_role("table", name=re.compile("Par fiche ROME"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Croiser ses besoins").click()
    expect(page.get_by_role("table", name=re.compile("Besoins du groupement"))).to_be_visible()
    expect(callout).to_have_text(FIRST_BARRIER)
    assert_accessible(page)

    # The same area as a commune and a radius, and a radius out of bounds refused.
    page.get_by_role("combobox", name=re.compile("^Commune")).fill("Trélazé (49353)")
    radius = page.get_by_label(re.compile("Rayon autour de la commune"))
    radius.fill("500")
    page.get_by_role("button", name="Voir autour de cette commune").click()
    expect(page.get_by_text("Rayon de 100 km au plus.")).to_be_visible()
    expect(page.get_by_role("combobox", name=re.compile("^Commune"))).to_have_value(
        "Trélazé (49353)"
    )
    assert_accessible(page)
    page.get_by_label(re.compile("Rayon autour de la commune")).fill("15")
    page.get_by_role("button", name="Voir autour de cette commune").click()
    expect(
        page.get_by_role("heading", level=2, name=re.compile("15 km autour de Trélazé"))
    ).to_be_visible()
    assert_accessible(page)
