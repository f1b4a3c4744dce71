"""Journey of the crossing (seed 003 and 004): Sophie, of the Mission emploi de
Trélazé, opens the bakery's offer and its ranked candidates — one who can start, one
who can once childcare is found, one whose weekends rule it out — compares two and
introduces Aurélie, whom France Travail referred. The bakery's manager answers from the
emailed link « entretien », then « embauchée »; Aurélie's pathway is « en emploi », and
Julien, her adviser at France Travail, reads the hire on her timeline."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from offers.enums import OfferState
from offers.models import JobOffer
from persons.models import Person
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_person_tab, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
JULIEN = "julien.ft@demo.parcours.localhost"
AURELIE, INES = "Aurélie Besnard", "Inès Morin"
MANAGER = "responsable.magasin@boulangerie.example"


def test_the_bakery_offer_goes_from_ranked_candidates_to_a_hire_the_prescriber_sees(
    page, demo_territory
):
    bakery = JobOffer.objects.get(
        appellation_id="20560", commune_id="49353", state=OfferState.PUBLISHED, is_demo=True
    )
    aurelie = Person.objects.get(first_name="Aurélie", last_name="Besnard", is_demo=True)
    mail.outbox.clear()

    # The offer's ranked candidates, each with its verdict and its reason.
    sign_in(page, SOPHIE)
    page.goto(reverse("offer_detail", args=[bakery.pk]))
    page.get_by_role("link", name="Candidats possibles").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidats possibles")
    ranking = page.locator("ol.parcours-ranking > li")
    badges = " | ".join(ranking.locator(".fr-badge").all_inner_texts()).lower()
    for verdict in ("possible", "possible si solution de garde", "pas possible"):
        assert verdict in badges, (verdict, badges)
    expect(page.locator("main")).to_contain_text("travail le week-end, exclu par la personne")
    assert_accessible(page)

    # Two on the shortlist, side by side.
    for name in (INES, AURELIE):
        page.get_by_role("button", name=f"Ajouter {name} à la sélection").click()
        expect(page.get_by_role("button", name=f"Retirer {name} de la sélection")).to_be_visible()
    page.locator("#selection").get_by_role("link", name="Comparer").click()
    table = page.get_by_role("table", name="La sélection côte à côte")
    for name in (INES, AURELIE):
        expect(table.get_by_role("columnheader", name=name)).to_be_visible()
    expect(table).to_contain_text("si solution de garde")
    assert_accessible(page)

    # Aurélie is the one introduced: her crèche place is on its way.
    page.goto(reverse("offer_detail", args=[bakery.pk]))
    page.get_by_label("Ou une autre personne que vous accompagnez").fill(AURELIE)
    page.get_by_label("Un mot pour l'employeur").fill(
        "Huit mois en boulangerie, très à l'aise en caisse."
    )
    page.get_by_role("button", name="Présenter à l'employeur").click()
    row = page.get_by_role("row", name=re.compile(AURELIE))
    expect(row).to_contain_text("Proposée")
    row.get_by_label("Adresse du contact chez l'employeur").fill(MANAGER)
    row.get_by_role("button", name="Envoyer à l'employeur").click()
    expect(page.get_by_role("row", name=re.compile(AURELIE))).to_contain_text(
        "Envoyée à l'employeur"
    )
    assert_accessible(page)
    sign_out(page)

    # The manager answers from the emailed link, without an account.
    (email,) = [m for m in mail.outbox if m.to == [MANAGER]]
    link = re.search(r"https?://\S+(/employeur/candidature/\S+/)", email.body).group(1)
    page.goto(link)
    expect(page.locator("main")).to_contain_text("Aurélie B.")
    expect(page.locator("main")).not_to_contain_text("garde")
    page.get_by_text("Je reçois cette personne en entretien").click()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("status").first).to_contain_text("votre réponse est transmise")
    page.get_by_text("J'embauche cette personne").click()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.locator("main")).to_contain_text(
        "Cette mise en relation est close : embauche conclue"
    )
    assert_accessible(page)

    # Her pathway is « en emploi »; her adviser at France Travail reads the hire.
    sign_in(page, SOPHIE)
    page.goto(reverse("person_detail", args=[aurelie.pk]))
    open_person_tab(page, AURELIE, "Parcours")
    expect(page.locator("h3 .fr-badge").first).to_have_text("En emploi")
    sign_out(page)
    sign_in(page, JULIEN)
    page.goto(reverse("person_detail", args=[aurelie.pk]))
    open_person_tab(page, AURELIE, "Chronologie")
    titles = " | ".join(page.locator("ol.parcours-timeline > li p.fr-text--bold").all_inner_texts())
    for step in ("Entretien prévu avec", "Embauché·e par", "Étape : En emploi"):
        assert step in titles, (step, titles)
    expect(page.locator("main")).not_to_contain_text("garde")
    assert_accessible(page)
