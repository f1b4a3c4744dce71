"""Journey of the employer group's HR officer: Inès, of GE Agri-Anjou, publishes an
offer for a member company (the market gardeners); a visitor leaves their interest on
the public board and Camille, of the ACI, introduces a person she follows; both appear
in the group's space, on its to-do list; Inès answers both; Camille reads the answer in
her « À traiter »."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from offers.models import Introduction, JobOffer, OfferInterest
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

INES = "ines.ge@demo.parcours.localhost"
CAMILLE = "camille.siae@demo.parcours.localhost"
MEMBER = "Maraîchers de l'Authion (démo)"
JOB = "Conditionneur / Conditionneuse (12848)"


def test_the_group_publishes_for_a_member_and_answers_a_visitor_and_an_introduction(
    page, demo_territory
):
    # Inès publishes an offer for a member company, from the group's space.
    sign_in(page, INES)
    page.goto(reverse("employer_space"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace employeur")
    assert_accessible(page)
    page.get_by_role("link", name="Définir un besoin de recrutement").click()
    expect(page.get_by_text("Étape 1 sur 4")).to_be_visible()
    page.get_by_label("Entreprise qui recrute").select_option(label=MEMBER)
    page.get_by_label("Métier").fill(JOB)
    page.get_by_label("Commune du lieu de travail").fill("Loire-Authion (49307)")
    page.get_by_label("Missions").fill("Trier et conditionner les légumes\nPréparer les colis")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_text("Étape 2 sur 4")).to_be_visible()
    tick(page.get_by_role("checkbox", name="Journée", exact=True))
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_text("Étape 3 sur 4")).to_be_visible()
    page.get_by_label("Type de contrat").select_option("CDD")
    page.get_by_label("Durée (mois)").fill("4")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_text("Étape 4 sur 4")).to_be_visible()
    page.get_by_role("button", name="Enregistrer et publier").click()
    expect(page.get_by_role("status").first).to_contain_text("Offre publiée")
    offer = JobOffer.objects.filter(company__name=MEMBER).latest("pk")
    assert offer.state == "published"
    sign_out(page)

    # A visitor leaves their interest on the public board.
    page.goto(reverse("public_offer_detail", args=[offer.pk]))
    page.get_by_label("Prénom").fill("Lucas")
    page.get_by_label(re.compile(r"^Nom")).fill("Perrin")
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    tick(page.get_by_role("checkbox", name=re.compile("J'accepte")))
    page.wait_for_timeout(3500)  # a person takes a few seconds to fill the form
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("button", name="Envoyer ma demande")).to_have_count(0)
    interest = OfferInterest.objects.get(offer=offer)

    # Camille introduces a person she follows, from the offer's ranked candidates.
    sign_in(page, CAMILLE)
    page.goto(reverse("offer_candidates", args=[offer.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidats possibles")
    first = page.locator("ol.parcours-ranking > li").first.get_by_role("heading").inner_text()
    page.get_by_role("button", name=f"Ajouter {first} à la sélection").click()
    page.locator("#selection").get_by_role("link", name="Comparer").click()
    page.get_by_label("Un mot pour l'employeur").fill("Très soigneuse, disponible tout de suite.")
    page.get_by_role("button", name="Présenter la sélection à l'employeur").click()
    expect(page.get_by_text(re.compile(re.escape(f"Présenté·es à {MEMBER}")))).to_be_visible()
    introduction = Introduction.objects.get(offer=offer)
    sign_out(page)

    # Both wait on the group's to-do list; Inès answers both.
    sign_in(page, INES)
    page.goto(reverse("employer_space"))
    todo = page.get_by_role("table", name="À faire")
    expect(todo).to_contain_text("Demande de Lucas Perrin")
    shown = introduction.person.display_name_for_employer
    expect(todo).to_contain_text(f"Candidature de {shown}")
    expect(page.locator("main")).not_to_contain_text(introduction.person.last_name)
    assert_accessible(page)
    todo.get_by_role("link", name=re.compile("Demande de Lucas Perrin")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande de Lucas Perrin")
    expect(page.locator("main")).to_contain_text("06 12 34 56 78")
    assert_accessible(page)
    page.get_by_label("Votre réponse").select_option(label="Entretien proposé")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_role("status").first).to_contain_text("Réponse enregistrée")
    page.get_by_role("table", name="À faire").get_by_role(
        "link", name=re.compile(f"Candidature de {shown}")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Candidature de {shown}")
    assert_accessible(page)
    page.get_by_label("Votre réponse").select_option("interview")
    page.get_by_label("Date de l'entretien ou de l'embauche (facultative)").fill("2027-01-12")
    page.get_by_role("button", name=re.compile("^Répondre")).click()
    expect(page.get_by_role("status").first).to_contain_text("la structure est informée")
    expect(page.locator("main")).to_contain_text("entretien le 12 janvier 2027")
    interest.refresh_from_db()
    introduction.refresh_from_db()
    assert (interest.answer, introduction.state) == ("interview", "interview")
    sign_out(page)

    # Camille reads the answer in « À traiter ».
    sign_in(page, CAMILLE)
    page.goto(reverse("worklist"))
    answers = page.locator("section", has=page.locator("#employeurs"))
    expect(answers).to_contain_text(str(introduction.person))
    expect(answers).to_contain_text("Entretien prévu")
    assert_accessible(page)
