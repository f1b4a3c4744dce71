"""Nadia, counsellor at the rural employment-training space (seed 000), at her weekly
drop-in: a visitor who leaves no name is counted in one tap; Karim is recorded with his
consent to collect at the next meeting and a wish in his own words; the pool is read by
pathway kind with each person's first wish; Lucas's Sas IAE hands over to an IAE
pathway."""

import re

import pytest
from playwright.sync_api import expect

from persons.models import Person
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, open_person_tab, sign_in, tick
from visits.models import Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NADIA = "nadia.eef@demo.parcours.localhost"


def test_a_drop_in_counts_visits_takes_a_pending_consent_and_reads_the_pool(page, demo_territory):
    sign_in(page, NADIA)
    page.goto("/permanence/")
    assert_accessible(page)

    # A visitor who leaves no name: one tap on the reason.
    page.get_by_label("Lieu ou permanence").fill("Permanence de Laguiole")
    page.get_by_role("button", name="CV, lettre, candidature").click()
    expect(page.get_by_text("Passage compté sans dossier")).to_be_visible()
    expect(page.locator("[data-visits-today]")).to_have_attribute("data-visits-today", "1")
    expect(page.get_by_label("Lieu ou permanence")).to_have_value("Permanence de Laguiole")
    assert Visit.objects.get().reason == "application"

    # Karim, whose consent is to be collected next time.
    page.get_by_label("Prénom").fill("Karim")
    page.locator("#id_last_name").fill("Delmas")
    page.get_by_label("Ce que la personne recherche").fill("travailler avec les animaux")
    tick(page.get_by_label(re.compile("Consentement à recueillir au prochain rendez-vous")))
    page.get_by_role("button", name="Accueillir et ouvrir le parcours").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Consentement à recueillir")
    assert Person.objects.get(last_name="Delmas").consent_pending
    assert_accessible(page)

    # His wish in his own words, no job of the ROME yet.
    page.get_by_role("link", name="Ajouter un métier souhaité").click()
    words = page.get_by_label("En ses mots")
    expect(words).to_have_attribute("maxlength", "1000")
    words.fill("travailler avec les animaux")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_text("métier à préciser")).to_be_visible()

    # The pool: the Sas IAE people, with their first wish.
    open_main_nav_link(page, "Personnes suivies")
    page.get_by_label("Type de parcours").select_option("sas_iae")
    page.get_by_role("button", name="Rechercher").click()
    row = page.get_by_role("row", name=re.compile("BOUSCAREL"))
    expect(row).to_contain_text("Sas IAE")
    assert_accessible(page)
    row.get_by_role("link").click()

    # Lucas's Sas hands over to an IAE pathway in the same structure.
    open_person_tab(page, "Lucas Bouscarel", "Parcours")
    page.get_by_role("link", name="Passer le relais à un parcours IAE").click()
    assert_accessible(page)
    page.get_by_role("button", name="Passer le relais").click()
    expect(page.get_by_text("Le Sas IAE passe le relais")).to_be_visible()
    expect(page.get_by_text("Sortie positive (Entrée en parcours IAE)")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("parcours précédent"))).to_be_visible()
