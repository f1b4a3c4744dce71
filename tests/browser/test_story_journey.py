"""Camille, counsellor at an SIAE, follows a hire to its end and tells it: she records
the contract, both sides of the first week's checkpoint, closes the pathway with the exit
the contract proposes, then drafts a success story under another first name and records
the person's consent. The structure's director reviews and publishes it; a visitor reads
it at /belles-histoires/. The person withdraws their consent: the story is gone."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from companies.models import Company
from organizations.enums import Role
from pathways.enums import PathwayState
from pathways.models import Pathway
from stories.enums import StoryState
from stories.models import Story
from tests.browser.axe import assert_accessible
from tests.browser.employment_steps import (
    act_for,
    close_pathway_as_proposed,
    record_checkpoint_side,
    record_contract,
)
from tests.browser.steps import current_totp_code, open_main_nav_link, sign_in, sign_out, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CAMILLE = "camille.siae@demo.parcours.localhost"
TITLE = "Du jardin à l'atelier"


def _sign_in_as_director(page, organization) -> None:
    director = User.objects.get(
        memberships__organization=organization,
        memberships__role=Role.ADMIN,
        email__startswith="direction.",
    )
    sign_in(page, director.email)
    page.get_by_label("Code").fill(current_totp_code())
    page.get_by_role("button", name="Connexion", exact=True).click()
    expect(page.locator("p.fr-text--lead")).to_contain_text(organization.name)


def test_a_hire_followed_to_its_end_becomes_a_published_story_until_consent_is_withdrawn(
    page, demo_territory
):
    camille = User.objects.get(email=CAMILLE)
    pathway = (
        Pathway.objects.filter(
            organization__memberships__user=camille,
            state__in=[PathwayState.ACTIVE, PathwayState.DIAGNOSIS, PathwayState.INTAKE],
            contracts__isnull=True,
        )
        .select_related("person", "organization")
        .first()
    )
    person = pathway.person
    employer = Company.objects.order_by("pk").first()
    sign_in(page, CAMILLE)
    act_for(page, pathway.organization.name)

    # Hire, then the first week's checkpoint, both sides recorded by the counsellor.
    start = date.today() - timedelta(days=30)
    record_contract(
        page,
        pathway,
        siret=employer.siret,
        contract_type="CDD",
        start=start,
        end=start + timedelta(days=200),
        hours="30",
    )
    record_checkpoint_side(
        page,
        "1re semaine, côté salarié·e",
        done_on=start + timedelta(days=7),
        channel="phone",
        how_it_goes="well",
    )
    record_checkpoint_side(
        page,
        "1re semaine, côté employeur",
        done_on=start + timedelta(days=7),
        channel="site_visit",
        how_it_goes="very_well",
    )

    # The exit: proposed from the contract (a CDD of six months or more: durable job);
    # the pathway then waits for its check six months after the exit.
    close_pathway_as_proposed(page, pathway)
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.POST_EXIT and pathway.exit_category == "durable"

    # The story, drafted from the pathway: only the contract is prefilled.
    page.get_by_role("link", name="Rédiger une belle histoire").click()
    expect(page.get_by_role("heading", level=2, name="Rédiger une belle histoire")).to_be_visible()
    expect(page.get_by_label("Type de contrat")).to_have_value("CDD")
    expect(page.get_by_label("Prénom d'emprunt")).to_have_value("")
    assert_accessible(page)
    page.get_by_label("Prénom d'emprunt").fill("Nadia" if person.first_name != "Nadia" else "Lou")
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Récit").fill(
        "Nadia a repris le travail au chantier, puis a été embauchée en CDD dans un atelier."
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("status").first).to_contain_text("Le brouillon est enregistré")
    assert_accessible(page)

    # The person's consent: the text read to them, the date, the public site.
    tick(page.get_by_label("J'ai fait lire (ou j'ai lu) ce texte à la personne"))
    page.get_by_label("Usage accepté").select_option("public")
    page.get_by_label("Accord donné le").fill(date.today().isoformat())
    page.get_by_role("button", name="Enregistrer l'accord").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "L'accord de la personne est enregistré"
    )
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("En relecture")
    # Camille is no admin: she cannot publish her own story.
    expect(page.get_by_role("button", name="Publier")).to_have_count(0)
    sign_out(page)

    # The director reviews it from the structure's list and publishes it.
    _sign_in_as_director(page, pathway.organization)
    open_main_nav_link(page, "Belles histoires")
    page.get_by_label("État").select_option("submitted")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"[?&]state=submitted"))
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Relire", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Relire avant publication")
    assert_accessible(page)
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publiée")
    sign_out(page)

    # A visitor reads it on the public site, linked from every page's footer.
    page.goto(reverse("legal_notice"))
    page.get_by_role("contentinfo").get_by_role("link", name="Belles histoires").click()
    expect(page.get_by_role("heading", level=1, name="Belles histoires")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    body = page.locator("main").inner_text()
    assert person.last_name not in body and person.first_name not in body
    assert_accessible(page)
    public_url = page.url

    # The person withdraws their consent: Camille records it, the story is gone.
    story = Story.objects.get(title=TITLE)
    sign_in(page, CAMILLE)
    page.goto(reverse("story_detail", args=[story.pk]))
    page.get_by_label("Retrait demandé").select_option("oral")
    tick(page.get_by_label("La personne retire son accord"))
    page.get_by_role("button", name="Retirer l'accord et l'histoire").click()
    expect(page.get_by_role("status").first).to_contain_text("n'est plus publiée nulle part")
    assert_accessible(page)
    sign_out(page)

    page.goto(reverse("public_story_list"))
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cette histoire n'est plus publiée")
    assert_accessible(page)
    assert Story.objects.get(pk=story.pk).state == StoryState.WITHDRAWN
