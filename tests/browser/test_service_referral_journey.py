"""Journey: a service referral reaches the partner's inbox and its answer reaches the
counsellor. Sophie, at the Trélazé employment mission, notes that Fatou has no vehicle
and refers her to the garage solidaire nearby, which is on Parcours; Éric, at the garage,
finds it in « À traiter », reads the need (and nothing else of Fatou's file) and accepts
it; Sophie sees the answer in « À traiter » and on Fatou's « Freins et services » tab.
Every page passes axe."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from persons.models import Person
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
ERIC = "eric.garage@demo.parcours.localhost"
FATOU = "Fatou Diallo"
GARAGE = "Réparation de véhicule à prix solidaire (démo)"
NO_VEHICLE = "Pas de véhicule"
NEED = "Fatou a une offre à Saint-Barthélemy à 6 h : pouvez-vous lui prêter un véhicule ?"


def test_a_service_referral_reaches_the_partner_and_its_answer_the_counsellor(page, demo_territory):
    fatou = Person.objects.get(first_name="Fatou", last_name="Diallo", is_demo=True)
    barriers_url = reverse("person_barriers", kwargs={"person_pk": fatou.pk})

    # Sophie notes the barrier; the garage solidaire of Trélazé lifts it.
    sign_in(page, SOPHIE)
    page.goto(barriers_url)
    page.get_by_label(re.compile(r"^Thème")).select_option(label="Mobilité")
    item = page.get_by_label(re.compile(r"^Frein\b"))
    expect(item.locator("option", has_text=NO_VEHICLE)).to_have_count(1)
    item.select_option(label=NO_VEHICLE)
    page.get_by_role("button", name="Noter ce frein").click()
    barrier = page.locator(".parcours-panel", has=page.get_by_role("heading", name=NO_VEHICLE))
    garage = barrier.get_by_role("listitem").filter(has_text=GARAGE)
    expect(garage).to_contain_text("Garage solidaire de l'Anjou (démo)")
    assert_accessible(page)
    garage.get_by_role("link", name=f"Orienter vers {GARAGE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Orienter {FATOU} vers {GARAGE}")
    expect(page.get_by_text("Le service est sur Parcours")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Message au service")).fill(NEED)
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Orientation envoyée à {GARAGE}.")
    row = page.get_by_role("table", name=f"Orientations de {FATOU} vers des services").locator(
        "tbody tr", has_text=GARAGE
    )
    expect(row.locator("td").nth(3)).to_have_text("Envoyée")
    expect(row).to_contain_text("Reçue dans l'espace du service sur Parcours")
    assert_accessible(page)
    sign_out(page)

    # The garage's members are told by email, with the link to the referral's page.
    [email] = [m for m in mail.outbox if ERIC in m.to and "Fatou D." in m.subject]
    assert "/services/orientations/" in email.body and NEED not in email.body

    # Éric finds it in « À traiter », reads the need, and accepts.
    sign_in(page, ERIC)
    open_main_nav_link(page, "À traiter")
    expect(page.get_by_role("heading", level=1)).to_have_text("À traiter")
    to_answer = page.get_by_role("table", name="Orientations vers vos services à traiter")
    expect(to_answer.locator("tbody tr", has_text=FATOU)).to_contain_text(GARAGE)
    assert_accessible(page)
    to_answer.get_by_role("link", name=f"Répondre : orientation de {FATOU}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Orientation de {FATOU}")
    expect(page.get_by_text(NEED)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(NO_VEHICLE)  # not her barriers
    expect(page.locator("main")).not_to_contain_text("garde")
    assert_accessible(page)
    page.get_by_label("J'accepte : nous recevons la personne").check(force=True)
    page.get_by_label(re.compile(r"^Commentaire")).fill("Véhicule prêté dès lundi, passer à 17 h.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("status").first).to_contain_text("Réponse enregistrée : acceptée.")
    expect(page.get_by_label("Le service a été rendu")).to_be_visible()  # the next step
    assert_accessible(page)
    open_main_nav_link(page, "Orientations vers nos services")
    inbox = page.get_by_role("table", name=re.compile(r"^Orientations vers nos services"))
    expect(inbox.locator("tbody tr", has_text=FATOU)).to_contain_text("Acceptée")
    assert_accessible(page)
    sign_out(page)

    # Sophie sees the answer in « À traiter » and on Fatou's tab.
    sign_in(page, SOPHIE)
    open_main_nav_link(page, "À traiter")
    answers = page.get_by_role("table", name=re.compile(r"^Réponses des services partenaires"))
    answer = answers.locator("tbody tr", has_text=FATOU)
    expect(answer).to_contain_text("Acceptée")
    expect(answer).to_contain_text("Véhicule prêté dès lundi")
    assert_accessible(page)
    answer.get_by_role("link", name=FATOU).click()
    expect(page).to_have_url(re.compile(re.escape(barriers_url) + "$"))
    row = page.get_by_role("table", name=f"Orientations de {FATOU} vers des services").locator(
        "tbody tr", has_text=GARAGE
    )
    expect(row.locator("td").nth(3)).to_have_text("Acceptée")
    expect(row).to_contain_text("Véhicule prêté dès lundi, passer à 17 h.")
    assert_accessible(page)
