"""The director of an SIAE signs in with her second factor and invites a new colleague."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organizations.models import Invitation
from tests.browser.axe import assert_accessible
from tests.browser.steps import current_totp_code, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DIRECTOR = "direction.aci-jardins@demo.parcours.localhost"
JARDINS = "Les Jardins de la Maine — chantier d'insertion (démo)"
NEWCOMER = "nouvelle.recrue@example.org"


def test_an_admin_passes_the_totp_step_and_invites_a_member(page, demo_territory):
    sign_in(page, DIRECTOR)

    # The password is not enough for an admin: allauth asks for the authenticator code.
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_authenticate"))))
    assert_accessible(page)
    page.get_by_label("Code").fill(current_totp_code())
    page.get_by_role("button", name="Connexion", exact=True).click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("p.fr-text--lead")).to_contain_text(JARDINS)

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Mon organisation"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(JARDINS)
    expect(page.get_by_role("heading", name="Inviter un membre")).to_be_visible()
    expect(page.get_by_role("heading", name="Invitations en attente")).to_have_count(0)
    assert_accessible(page)

    send = page.get_by_role("button", name="Envoyer l'invitation")
    invite_form = page.locator("form", has=send)
    email = invite_form.get_by_label("Adresse électronique")

    # A mistyped address: the error is tied to the field, for screen readers too.
    email.fill("nouvelle.recrue.example.org")
    send.click()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(
        re.compile("Saisissez une adresse électronique valide")
    )
    assert_accessible(page)
    assert not Invitation.objects.exists()

    email.fill(NEWCOMER)
    invite_form.get_by_label("Rôle").select_option(label="Membre")
    send.click()

    expect(page.get_by_role("status").first).to_contain_text(f"Invitation envoyée à {NEWCOMER}")
    expect(page.get_by_role("heading", name="Invitations en attente")).to_be_visible()
    pending = page.locator("#invitations ~ ul").first
    expect(pending).to_contain_text(NEWCOMER)
    expect(
        pending.get_by_role("button", name=f"Annuler l'invitation de {NEWCOMER}")
    ).to_be_visible()
    assert_accessible(page)

    invitation = Invitation.objects.get(email=NEWCOMER)
    assert invitation.organization.name == JARDINS
    assert invitation.invited_by.email == DIRECTOR
