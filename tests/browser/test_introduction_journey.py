"""Journey: Sophie, of the Mission emploi de Trélazé, sends Inès's introduction to the
bakery's manager; the manager, without an account, opens the emailed link, answers
« entretien » then « embauché·e »; Sophie sees Inès « en emploi » and every step on her
timeline."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from persons.models import Person
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_person_tab, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
INES = "Inès Haddad"
MANAGER = "responsable.magasin@boulangerie.example"


def test_the_employer_answers_from_the_emailed_link_and_the_structure_sees_the_hire(
    page, demo_territory
):
    ines = Person.objects.get(first_name="Inès", last_name="Haddad", is_demo=True)
    introduction = ines.introductions.get()
    mail.outbox.clear()

    # Sophie sends the introduction from the offer's page.
    sign_in(page, SOPHIE)
    page.goto(reverse("offer_detail", args=[introduction.offer_id]))
    row = page.get_by_role("row", name=re.compile(INES))
    row.get_by_label("Adresse du contact chez l'employeur").fill(MANAGER)
    assert_accessible(page)
    row.get_by_role("button", name="Envoyer à l'employeur").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Candidature envoyée à {MANAGER}")
    expect(page.get_by_role("row", name=re.compile(INES))).to_contain_text("Envoyée à l'employeur")
    sign_out(page)

    # The manager opens the link of the email: no account, the employer's view only.
    assert [m.to for m in mail.outbox] == [[MANAGER]]
    link = re.search(r"https?://\S+(/employeur/candidature/\S+/)", mail.outbox[0].body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Une candidature pour votre offre")
    expect(page.locator("main")).to_contain_text("Inès H.")
    expect(page.locator("main")).not_to_contain_text("Haddad")
    assert_accessible(page)
    page.get_by_text("Je reçois cette personne en entretien").click()
    page.get_by_label("Date de l'entretien ou de l'embauche (facultative)").fill("2027-01-12")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("status").first).to_contain_text("votre réponse est transmise")
    expect(page.locator("main")).to_contain_text("entretien le 12 janvier 2027")
    assert_accessible(page)
    page.get_by_text("J'embauche cette personne").click()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.locator("main")).to_contain_text(
        "Cette mise en relation est close : embauche conclue"
    )
    expect(page.get_by_role("button", name="Envoyer ma réponse")).to_have_count(0)
    assert_accessible(page)

    # Sophie sees Inès in employment, and each step on her timeline.
    sign_in(page, SOPHIE)
    page.goto(reverse("person_detail", args=[ines.pk]))
    open_person_tab(page, INES, "Parcours")
    expect(page.locator("h3 .fr-badge").first).to_have_text("En emploi")
    assert_accessible(page)
    open_person_tab(page, INES, "Chronologie")
    titles = " | ".join(page.locator("ol.parcours-timeline > li p.fr-text--bold").all_inner_texts())
    for step in (
        "Candidature envoyée à",
        "a vu la candidature",
        "Entretien prévu avec",
        "le 12/01/2027",
        "Embauché·e par",
        "Étape : En emploi",
    ):
        assert step in titles, (step, titles)
    assert_accessible(page)
