"""Yann, counsellor at the Jardins de la Maine (an ACI), finds on the public board the
order-picking offer the Mission emploi de Trélazé publishes, opens « Candidats
possibles », sees the people of his chantier ranked with their reasons, shortlists two
(htmx), compares them side by side, and presents both to the employer in one action."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from offers.models import Introduction, JobOffer
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

YANN = "yann.aci@demo.parcours.localhost"
JOB = "Préparateur / Préparatrice de commandes"


def test_a_counsellor_shortlists_compares_and_presents_two_ranked_people(page, demo_territory):
    offer = JobOffer.objects.get(title__startswith=JOB, is_demo=True)
    sign_in(page, YANN)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")

    page.goto(reverse("public_offer_detail", args=[offer.pk]))
    page.get_by_role("link", name="Candidats possibles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidats possibles")
    ranking = page.locator("ol.parcours-ranking > li")
    expect(ranking.first).to_be_visible()
    assert ranking.count() >= 2
    # Each row: a verdict badge and the components' explanations.
    expect(ranking.first.locator(".fr-badge")).to_have_text(re.compile(r"^(Possible|Pas possible)"))
    ranking.first.get_by_text("Le détail du classement").click()
    expect(ranking.first.get_by_text("Métier", exact=False).first).to_be_visible()
    assert_accessible(page)

    # Two people on the shortlist, through htmx (the page does not reload).
    names = [ranking.nth(i).get_by_role("heading").inner_text() for i in range(2)]
    for name in names:
        page.get_by_role("button", name=f"Ajouter {name} à la sélection").click()
        expect(page.get_by_role("button", name=f"Retirer {name} de la sélection")).to_be_visible()
    shortlist = page.locator("#selection")
    expect(shortlist.get_by_role("heading")).to_have_text("Sélection : 2 sur 5")
    for name in names:
        expect(shortlist).to_contain_text(name)
    assert_accessible(page)

    # Side by side.
    shortlist.get_by_role("link", name="Comparer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparer la sélection")
    table = page.get_by_role("table", name="La sélection côte à côte")
    headers = table.locator("thead th")
    expect(headers).to_have_count(3)
    for name in names:
        expect(table.get_by_role("columnheader", name=name)).to_be_visible()
    for row in ("Faisabilité", "Distance", "Métier", "Trajet", "Horaires"):
        expect(table.get_by_role("rowheader", name=row, exact=True)).to_be_visible()
    assert_accessible(page)

    # Both presented in one action.
    page.get_by_label("Un mot pour l'employeur").fill("Deux personnes rigoureuses et motivées.")
    page.get_by_role("button", name="Présenter la sélection à l'employeur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidats possibles")
    expect(page.get_by_text(f"Présenté·es à {offer.company}")).to_be_visible()
    expect(page.locator("#selection").get_by_role("heading")).to_have_text("Sélection : 0 sur 5")
    for name in names:
        expect(page.get_by_role("button", name=f"Ajouter {name} à la sélection")).to_have_count(0)
    assert_accessible(page)
    introduced = Introduction.objects.filter(
        offer=offer, comment="Deux personnes rigoureuses et motivées."
    )
    assert sorted(str(i.person) for i in introduced) == sorted(names)
