"""The prescriber's journey with no dead end (seed 001): Julien, adviser at France
Travail, creates a person and lands on a page that tells him nothing was sent yet, with
« Orienter »; he records the IAE eligibility diagnosis and joins a CV in the referral
form; Camille, at Trélazé Services, accepts without making the diagnosis again; when
the PASS IAE ends in 80 days, Julien sees it in « Mes orientations » and gets the
email. Every page passes axe.

The live server cannot move its clock: the PASS is given the start that makes it end
in 80 days from today, and the periodic job is run with today's time."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from pathways.models import EligibilityDiagnosis, Pathway
from pathways.services import pass_set
from referrals.endings import endings_notify
from referrals.models import Referral
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, sign_in, sign_out, tick
from tests.factories.files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

JULIEN = "julien.ft@demo.parcours.localhost"
CAMILLE = "camille.siae@demo.parcours.localhost"
FRANCE_TRAVAIL = "France Travail Angers Europe (démo)"
TRELAZE_SERVICES = "Trélazé Services — association intermédiaire (démo)"


def _act_for(page, organization: str) -> None:
    switcher = page.get_by_label("Vous agissez pour")
    if organization not in switcher.locator("option:checked").inner_text():
        switcher.select_option(
            switcher.locator("option", has_text=organization).get_attribute("value")
        )
        page.get_by_role("button", name="Changer", exact=True).click()
        expect(page.get_by_role("status").first).to_contain_text(organization)


def test_an_adviser_diagnoses_refers_with_a_cv_and_hears_of_the_pass_ending(page, demo_territory):
    # Julien creates the person: the page says nothing was sent, and offers « Orienter ».
    sign_in(page, JULIEN)
    expect(page.locator("p.fr-text--lead")).to_contain_text("France Travail Angers Europe")
    open_main_nav_link(page, "Personnes suivies")
    page.get_by_role("link", name="Nouvelle personne").click()
    page.get_by_label(re.compile(r"^Prénom")).fill("Rosine")
    page.get_by_label(re.compile(r"^Nom")).fill("Diagnostiquée")
    page.get_by_label(re.compile(r"^Commune de résidence")).fill("Trélazé (49353)")
    tick(page.get_by_label(re.compile("^La personne accepte le traitement")))
    page.get_by_role("button", name="Créer le dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosine Diagnostiquée")
    expect(page.get_by_text("Aucune orientation envoyée pour l'instant")).to_be_visible()
    expect(page.get_by_text("Vous avez orienté cette personne")).to_have_count(0)
    assert_accessible(page)

    # « Orienter »: the structure first, from the directory, near her home.
    page.get_by_role("link", name=re.compile(r"^Orienter")).first.click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Orienter Rosine Diagnostiquée")
    assert_accessible(page)
    page.get_by_role("link", name="Trouver une structure").click()
    page.get_by_label(re.compile(r"^Dans un rayon de")).fill("10")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("table", name="Structures trouvées").get_by_role(
        "link", name=TRELAZE_SERVICES
    ).click()
    page.get_by_role("link", name="Orienter une personne ici").click()
    expect(page.get_by_role("heading", name=f"Vers {TRELAZE_SERVICES}")).to_be_visible()

    # The diagnosis and a CV in the referral form.
    expect(page.get_by_text("Vous êtes habilité·e à le faire")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Motif de l'orientation")).fill(
        "Rosine est au RSA depuis trois ans ; elle veut reprendre par des heures de ménage."
    )
    tick(page.get_by_label("Bénéficiaire du RSA"))
    page.get_by_label(re.compile(r"^Type du document 1")).select_option("cv")
    page.get_by_label(re.compile(r"^Nouveau document 1")).set_input_files(
        files=[{"name": "cv-rosine.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("referral_sent_list"))))
    expect(page.get_by_role("row").filter(has_text="DIAGNOSTIQUÉE Rosine")).to_contain_text(
        "Envoyée"
    )
    assert_accessible(page)
    referral = Referral.objects.get(person__last_name="Diagnostiquée")
    assert referral.eligibility_diagnosis.organization.name == FRANCE_TRAVAIL
    assert [d.name for d in referral.documents.all()] == ["cv-rosine.pdf"]
    sign_out(page)

    # Camille reads who diagnosed and until when, and accepts without diagnosing again.
    sign_in(page, CAMILLE)
    _act_for(page, TRELAZE_SERVICES)
    open_main_nav_link(page, "Orientations reçues")
    page.get_by_role("link", name="DIAGNOSTIQUÉE Rosine").click()
    until = referral.eligibility_diagnosis.valid_until
    diagnosis = page.get_by_role("region", name="Diagnostic d'éligibilité IAE")
    expect(diagnosis).to_contain_text(f"par {FRANCE_TRAVAIL}")
    expect(diagnosis).to_contain_text(f"valable jusqu'au {until.day}")
    expect(diagnosis).to_contain_text("vous n'avez pas à le refaire")
    expect(page.get_by_text("cv-rosine.pdf")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accepter et ouvrir le parcours").click()
    expect(page.get_by_role("status").first).to_contain_text("Orientation acceptée")
    standing = page.locator("#diagnostic-valable")
    expect(standing).to_contain_text(f"fait par {FRANCE_TRAVAIL}")
    expect(standing).to_contain_text(f"valable jusqu'au {until:%d/%m/%Y}")
    expect(page.get_by_role("button", name="Enregistrer le diagnostic")).to_be_hidden()
    assert_accessible(page)
    assert EligibilityDiagnosis.objects.filter(person=referral.person).count() == 1
    sign_out(page)

    # Her PASS IAE ends in 80 days; the periodic job runs.
    pathway = Pathway.objects.get(person=referral.person)
    pass_set(
        pathway=pathway,
        number="999992600001",
        start=timezone.localdate() - timedelta(days=730 - 81),
        actor=User.objects.get(email=CAMILLE),
    )
    mail.outbox.clear()
    # (the demo's other PASS ending soon are told to their prescribers at the same run)
    assert endings_notify(now=timezone.now())["notified"] >= 1
    [email] = [m for m in mail.outbox if "Rosine Diagnostiquée" in m.subject]
    assert email.to == [JULIEN] and "dans 80 jours" in email.body
    assert endings_notify(now=timezone.now()) == {"notified": 0}  # once per threshold

    # Julien sees it in his list.
    sign_in(page, JULIEN)
    open_main_nav_link(page, "Mes orientations")
    ending = page.get_by_role("region", name=re.compile("^PASS IAE se terminant"))
    row = ending.get_by_role("row").filter(has_text="DIAGNOSTIQUÉE Rosine")
    expect(row).to_contain_text(TRELAZE_SERVICES)
    expect(row).to_contain_text("dans 80 jours")
    assert_accessible(page)
