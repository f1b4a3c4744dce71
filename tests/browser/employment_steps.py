"""Steps of the journeys that follow a hire: act for the structure that holds the
pathway, record a contract from the pathway page, record one side of a checkpoint,
close the pathway with the exit the facts propose."""

import re
from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.steps import open_form, tick


def act_for(page, organization_name: str) -> None:
    """Switch the header's « Vous agissez pour » to this organization, unless it is the
    current one already."""
    if page.locator("p.fr-text--lead").inner_text().count(organization_name):
        return
    switcher = page.get_by_label("Vous agissez pour")
    switcher.select_option(
        switcher.locator("option", has_text=organization_name).get_attribute("value")
    )
    page.get_by_role("button", name="Changer", exact=True).click()


def record_contract(
    page, pathway, *, siret: str, contract_type: str, start: date, end: date | None, hours: str
) -> None:
    """From the person's pathways page, the contract form, checked for accessibility."""
    page.goto(reverse("person_pathways", args=[pathway.person_id]))
    page.get_by_role("link", name="Enregistrer un contrat").first.click()
    expect(page.get_by_role("heading", level=2, name="Enregistrer un contrat")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("SIRET de l'entreprise").fill(siret)
    page.get_by_label("Type de contrat").select_option(contract_type)
    page.get_by_label("Début").fill(start.isoformat())
    if end is not None:
        page.get_by_label("Fin prévue").fill(end.isoformat())
    page.get_by_label("Heures par semaine").fill(hours)
    page.get_by_role("button", name="Enregistrer le contrat").click()
    expect(page.get_by_role("status").first).to_contain_text("Le contrat est enregistré")


def checkpoint_side_form(page, step_and_side: str):
    """The form of one side of a checkpoint on the contract page (« 1re semaine, côté
    employeur »), opened from its toggle unless it is open already."""
    name = f"Enregistrer le point {step_and_side}"
    toggle = page.get_by_role("link", name=name, exact=True)
    if toggle.get_attribute("aria-expanded") == "true":
        return page.locator(f"#{toggle.get_attribute('aria-controls')}")
    return open_form(page, name)


def record_checkpoint_side(
    page, step_and_side: str, *, done_on: date, channel: str, how_it_goes: str, issues=()
) -> None:
    form = checkpoint_side_form(page, step_and_side)
    form.get_by_label("Fait le").fill(done_on.isoformat())
    form.get_by_label("Moyen").select_option(channel)
    form.get_by_label("Comment ça se passe").select_option(how_it_goes)
    for issue in issues:
        tick(form.get_by_label(issue))
    form.get_by_role("button", name=re.compile("Enregistrer")).click()
    expect(page.get_by_role("status").first).to_contain_text("Le point de suivi est enregistré")


def close_pathway_as_proposed(page, pathway) -> None:
    """Close the pathway from its page, keeping the exit the latest contract proposes."""
    page.goto(reverse("person_pathways", args=[pathway.person_id]))
    form = open_form(page.locator(f"#parcours-{pathway.pk}"), "Changer d'étape")
    form.get_by_label("Nouvelle étape").select_option("closed")
    form.get_by_role("button", name="Enregistrer l'étape").click()
    expect(page.get_by_role("status").first).to_be_visible()
