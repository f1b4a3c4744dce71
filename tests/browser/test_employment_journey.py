"""Camille, counsellor at an SIAE, records the contract a person she follows has just
signed, records the first week's checkpoint with the employer, then the contract breaks
at the end of the trial period and the pathway goes back to « parcours en cours »."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from companies.models import Company
from pathways.enums import PathwayState
from pathways.models import Pathway
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_form, sign_in, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CAMILLE = "camille.siae@demo.parcours.localhost"


def test_a_counsellor_records_a_hire_its_follow_up_and_a_break(page, demo_territory):
    camille = User.objects.get(email=CAMILLE)
    pathway = (
        Pathway.objects.filter(
            organization__memberships__user=camille,
            state__in=[PathwayState.ACTIVE, PathwayState.DIAGNOSIS, PathwayState.INTAKE],
            contracts__isnull=True,
        )
        .select_related("person")
        .first()
    )
    employer = Company.objects.order_by("pk").first()
    sign_in(page, CAMILLE)
    if not page.locator("p.fr-text--lead").inner_text().count(pathway.organization.name):
        switcher = page.get_by_label("Vous agissez pour")
        switcher.select_option(
            switcher.locator("option", has_text=pathway.organization.name).get_attribute("value")
        )
        page.get_by_role("button", name="Changer", exact=True).click()

    page.goto(reverse("person_pathways", args=[pathway.person_id]))
    page.get_by_role("link", name="Enregistrer un contrat").first.click()
    expect(page.get_by_role("heading", level=2, name="Enregistrer un contrat")).to_be_visible()
    assert_accessible(page)
    start = date.today() - timedelta(days=10)
    page.get_by_label("SIRET de l'entreprise").fill(employer.siret)
    page.get_by_label("Type de contrat").select_option("CDD")
    page.get_by_label("Début").fill(start.isoformat())
    page.get_by_label("Fin prévue").fill((start + timedelta(days=200)).isoformat())
    page.get_by_label("Heures par semaine").fill("26")
    page.get_by_role("button", name="Enregistrer le contrat").click()

    expect(page.get_by_role("status").first).to_contain_text("Le contrat est enregistré")
    expect(page.get_by_role("heading", level=2)).to_contain_text(f"CDD chez {employer.name}")
    assert_accessible(page)

    # The first week, the employer's side: the job only, no health among the choices.
    employer_form = open_form(page, "Enregistrer le point 1re semaine, côté employeur")
    assert_accessible(page)
    expect(employer_form.get_by_label("Santé")).to_have_count(0)
    employer_form.get_by_label("Fait le").fill((start + timedelta(days=7)).isoformat())
    employer_form.get_by_label("Moyen").select_option("site_visit")
    employer_form.get_by_label("Comment ça se passe").select_option("difficult")
    tick(employer_form.get_by_label("Horaires"))
    employer_form.get_by_role("button", name=re.compile("Enregistrer")).click()
    expect(page.get_by_role("status").first).to_contain_text("Le point de suivi est enregistré")
    expect(page.locator("dd", has_text="Plutôt difficile")).to_be_visible()

    break_form = open_form(page, "Rupture avant le terme")
    break_form.get_by_label("Motif de la rupture").select_option("trial_end")
    break_form.get_by_label("Dernier jour du contrat").fill(date.today().isoformat())
    break_form.get_by_role("button", name="Déclarer la rupture").click()
    expect(page.get_by_role("status").first).to_contain_text("le parcours reprend")
    assert_accessible(page)

    page.goto(reverse("worklist"))
    expect(page.locator("#alertes").locator("..")).to_contain_text("Rupture de contrat")
    assert_accessible(page)
    assert Pathway.objects.get(pk=pathway.pk).state == PathwayState.ACTIVE
