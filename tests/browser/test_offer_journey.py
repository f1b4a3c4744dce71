"""Journey 5: Sophie, of the Mission emploi de Trélazé, defines a need with the bakery
through the guided form and publishes it; a visitor finds it on the public board near
Trélazé; Sophie pauses it and it leaves the board."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in, sign_out, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
TITLE = "Vendeur / Vendeuse en boulangerie-pâtisserie en CDD à Trélazé"


def test_an_officer_publishes_a_need_the_public_finds_it_then_it_leaves_when_paused(
    page, demo_territory
):
    sign_in(page, SOPHIE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Sophie")
    # The DSFR script must have set the menus up before a menu button opens anything.
    expect(page.locator("#menu-entreprises")).to_have_attribute("data-fr-js-collapse", "true")
    open_main_nav_link(page, "Offres d'emploi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offres d'emploi")
    assert_accessible(page)
    page.get_by_role("link", name="Définir un besoin de recrutement").click()

    # Step 1: the employer, the job, where, the tasks.
    expect(page.get_by_text("Étape 1 sur 4")).to_be_visible()
    page.get_by_label("Entreprise qui recrute").fill("Boulangeries du Val de Loire (démo)")
    page.get_by_label("Métier").fill("Vendeur / Vendeuse en boulangerie-pâtisserie (20560)")
    page.get_by_label("Commune du lieu de travail").fill("Trélazé (49353)")
    page.get_by_label("Missions").fill("Accueillir la clientèle\nTenir la caisse le dimanche")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 2: the constraints (Sunday work, no car needed, by bus).
    expect(page.get_by_text("Étape 2 sur 4")).to_be_visible()
    tick(page.get_by_role("checkbox", name="Journée", exact=True))
    tick(page.get_by_role("checkbox", name="Le week-end", exact=True))
    page.get_by_label("Heures par semaine").fill("30")
    page.get_by_label("Lieu de travail desservi par les transports en commun").select_option("yes")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 3: the contract and the pay.
    expect(page.get_by_text("Étape 3 sur 4")).to_be_visible()
    page.get_by_label("Type de contrat").select_option("CDD")
    page.get_by_label("Durée (mois)").fill("6")
    page.get_by_label("Salaire minimum (€ brut)").fill("1802")
    tick(page.get_by_role("checkbox", name="Accessible sans expérience", exact=True))
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 4: the composed text, reviewed, then published.
    expect(page.get_by_text("Étape 4 sur 4")).to_be_visible()
    expect(page.get_by_label("Titre")).to_have_value(TITLE)
    preview = page.locator(".parcours-offer-text")
    expect(preview).to_contain_text("Pas besoin de permis ni de voiture.")
    expect(preview).to_contain_text("Accessible sans expérience")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer et publier").click()
    expect(page.get_by_role("status").first).to_contain_text("Offre publiée")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publiée")
    offer_url = page.url
    assert_accessible(page)
    sign_out(page)

    # A visitor, without an account, searches near Trélazé.
    _search_board(page)
    result = page.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    assert_accessible(page)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("heading", name="Je suis intéressé·e")).to_be_visible()
    assert_accessible(page)

    # Sophie pauses it: it leaves the board.
    sign_in(page, SOPHIE)
    page.goto(offer_url)
    page.get_by_role("button", name="Mettre en pause").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("En pause")
    assert_accessible(page)
    sign_out(page)
    _search_board(page)
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    # The bakery's other offer, still published, is there.
    expect(
        page.get_by_role("link", name=re.compile("boulangerie-pâtisserie en CDI"))
    ).to_be_visible()
    assert_accessible(page)


def _search_board(page) -> None:
    page.goto(reverse("public_offer_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Offres d'emploi publiées")
    page.get_by_label("Commune").fill("Trélazé (49353)")
    page.get_by_label("Rayon").select_option("10")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status")).to_contain_text("autour de Trélazé")
