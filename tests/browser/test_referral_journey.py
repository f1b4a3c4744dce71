"""Journey 2 (seed 001): Julien, adviser at France Travail, finds a structure near
Trélazé in the directory and refers a new person there; Camille, at Trélazé Services,
finds the referral in her inbox and accepts it, which opens the pathway; Julien then
sees « Acceptée » in his referrals. Every page passes axe."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pathways.models import Pathway
from referrals.enums import Channel
from referrals.models import Referral
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in, sign_out, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

JULIEN = "julien.ft@demo.parcours.localhost"
CAMILLE = "camille.siae@demo.parcours.localhost"
TRELAZE_SERVICES = "Trélazé Services — association intermédiaire (démo)"


def test_a_prescriber_refers_a_new_person_and_sees_the_structure_accept(page, demo_territory):
    # Julien looks for a structure near Trélazé that offers cleaning jobs.
    sign_in(page, JULIEN)
    expect(page.locator("p.fr-text--lead")).to_contain_text("France Travail Angers Europe")
    open_main_nav_link(page, "Trouver une structure")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver une structure")
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Près de la commune")).fill("Trélazé (49353)")
    page.get_by_label(re.compile(r"^Dans un rayon de")).fill("10")
    page.get_by_label(re.compile(r"^Métier proposé")).fill("K2204")
    page.get_by_label("Ouvertes aux orientations maintenant").check(force=True)
    page.get_by_role("button", name="Rechercher").click()
    results = page.get_by_role("table", name="Structures trouvées")
    first_row = results.locator("tbody tr").first
    expect(first_row).to_contain_text(TRELAZE_SERVICES)
    expect(first_row).to_contain_text(re.compile(r"0[,.]0 km"))
    expect(results).not_to_contain_text("Orientations fermées")
    assert_accessible(page)

    # The structure's card, then a new person, created on the person page.
    results.get_by_role("link", name=TRELAZE_SERVICES).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TRELAZE_SERVICES)
    expect(page.get_by_text("Ouverte aux orientations")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Orienter une nouvelle personne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle personne")
    page.get_by_label(re.compile(r"^Prénom")).fill("Nadège")
    page.get_by_label(re.compile(r"^Nom")).fill("Parcoursin")
    page.get_by_label(re.compile(r"^Commune de résidence")).fill("Trélazé (49353)")
    tick(page.get_by_label(re.compile("^La personne accepte le traitement")))
    assert_accessible(page)
    page.get_by_role("button", name="Créer le dossier").click()

    # Back on the referral, the structure chosen: why, and send.
    expect(page).to_have_url(re.compile(r"/personnes/\d+/orienter/\?structure=\d+$"))
    expect(page.get_by_role("heading", name=f"Vers {TRELAZE_SERVICES}")).to_be_visible()
    no_diagnosis = "La personne n'a pas de diagnostic d'éligibilité valable."
    expect(page.get_by_text(no_diagnosis)).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Motif de l'orientation")).fill(
        "Nadège cherche des heures de ménage près de chez elle, le matin."
    )
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("referral_sent_list"))))
    row = page.get_by_role("row").filter(has_text="PARCOURSIN Nadège")
    expect(row).to_contain_text("Envoyée")
    assert_accessible(page)
    referral = Referral.objects.get(person__last_name="Parcoursin")
    assert referral.channel == Channel.REFERRAL
    assert referral.from_organization.name == "France Travail Angers Europe (démo)"
    sign_out(page)

    # Camille, acting for Trélazé Services, accepts it from her inbox.
    sign_in(page, CAMILLE)
    expect(page.locator("p.fr-text--lead")).to_contain_text("Vous agissez pour")
    switcher = page.get_by_label("Vous agissez pour")
    if TRELAZE_SERVICES not in switcher.locator("option:checked").inner_text():
        switcher.select_option(
            switcher.locator("option", has_text=TRELAZE_SERVICES).get_attribute("value")
        )
        page.get_by_role("button", name="Changer", exact=True).click()
        expect(page.get_by_role("status").first).to_contain_text(TRELAZE_SERVICES)
    open_main_nav_link(page, "Orientations reçues")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Orientations reçues")
    assert_accessible(page)
    page.get_by_role("link", name="PARCOURSIN Nadège").click()
    expect(page.get_by_text("Nadège cherche des heures de ménage")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accepter et ouvrir le parcours").click()
    expect(page.get_by_role("status").first).to_contain_text("Orientation acceptée")
    assert_accessible(page)
    pathway = Pathway.objects.get(person__last_name="Parcoursin")
    assert pathway.organization.name == TRELAZE_SERVICES
    assert pathway.prescriber_organization == referral.from_organization
    sign_out(page)

    # Julien sees the answer.
    sign_in(page, JULIEN)
    expect(page.locator("p.fr-text--lead")).to_contain_text("France Travail Angers Europe")
    open_main_nav_link(page, "Mes orientations")
    row = page.get_by_role("row").filter(has_text="PARCOURSIN Nadège")
    expect(row).to_contain_text("Acceptée")
    assert_accessible(page)


def test_a_person_applies_online_to_a_structure_near_home(page, demo_territory):
    page.goto(reverse("self_referral"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trouver une structure")
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Votre commune")).fill("Trélazé")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Structures près de Trélazé")
    assert_accessible(page)
    page.get_by_role("link", name=TRELAZE_SERVICES).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Candidater auprès de {TRELAZE_SERVICES}"
    )
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Votre prénom")).fill("Lina")
    page.get_by_label(re.compile(r"^Votre nom")).fill("Enligne")
    page.get_by_label(re.compile(r"^Votre téléphone")).fill("06 12 12 12 12")
    page.get_by_label(re.compile(r"^Votre message")).fill("Je cherche du ménage le matin.")
    tick(page.get_by_label(re.compile(r"^J'accepte que la structure")))
    page.wait_for_timeout(3_000)  # a person takes longer than a robot to fill the form
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande est envoyée")
    expect(page.get_by_text("sous 30 jours au plus")).to_be_visible()
    assert_accessible(page)
    referral = Referral.objects.get(person__last_name="Enligne")
    assert referral.channel == Channel.SELF_REFERRAL
    assert referral.to_organization.name == TRELAZE_SERVICES
