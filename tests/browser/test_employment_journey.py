"""Camille, counsellor at an SIAE, records the contract a person she follows has just
signed, records the first week's checkpoint with the employer, then the contract breaks
at the end of the trial period and the pathway goes back to « parcours en cours »."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from companies.models import Company
from pathways.enums import PathwayState
from pathways.models import Pathway
from tests.browser.axe import assert_accessible
from tests.browser.employment_steps import (
    act_for,
    checkpoint_side_form,
    record_checkpoint_side,
    record_contract,
)
from tests.browser.steps import open_form, sign_in

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
    act_for(page, pathway.organization.name)

    start = date.today() - timedelta(days=10)
    record_contract(
        page,
        pathway,
        siret=employer.siret,
        contract_type="CDD",
        start=start,
        end=start + timedelta(days=200),
        hours="26",
    )
    expect(page.get_by_role("heading", level=2)).to_contain_text(f"CDD chez {employer.name}")
    assert_accessible(page)

    # The first week, the employer's side: the job only, no health among the choices.
    expect(
        checkpoint_side_form(page, "1re semaine, côté employeur").get_by_label("Santé")
    ).to_have_count(0)
    record_checkpoint_side(
        page,
        "1re semaine, côté employeur",
        done_on=start + timedelta(days=7),
        channel="site_visit",
        how_it_goes="difficult",
        issues=["Horaires"],
    )
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
