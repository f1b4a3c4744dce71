"""Journey: Sophie, of the Mission emploi de Trélazé, sends Fatou's employer the link to
its side of the next checkpoint from the contract page; the employer's contact, without
an account, opens the link of the email, reads only what the job needs, and answers a
serious difficulty; the link then says it was answered, and Sophie finds the answer on
the contract page and the alert in « À traiter »."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from employment.enums import Side
from employment.models import CheckpointSide
from persons.models import Person
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, sign_out, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
CONTACT = "cheffe.equipe@employeur.example"


def test_the_employer_answers_its_side_from_the_emailed_link(page, demo_territory):
    fatou = Person.objects.get(first_name="Fatou", last_name="Diallo", is_demo=True)
    side = (
        CheckpointSide.objects.filter(
            checkpoint__contract__person=fatou,
            checkpoint__contract__state="running",
            side=Side.EMPLOYER,
            done_on__isnull=True,
        )
        .select_related("checkpoint__contract")
        .order_by("planned_on")
        .first()
    )
    contract = side.checkpoint.contract
    step = side.checkpoint.get_step_display()
    mail.outbox.clear()

    # Sophie sends the link from the contract page.
    sign_in(page, SOPHIE)
    page.goto(reverse("contract_detail", args=[fatou.pk, contract.pk]))
    expect(page.get_by_role("heading", name="Maintien dans l'emploi")).to_be_visible()
    section = page.locator(f"section[aria-labelledby='point-{side.checkpoint_id}']")
    section.get_by_label("Adresse électronique du contact chez l'employeur").fill(CONTACT)
    assert_accessible(page)
    section.get_by_role("button", name=re.compile("Envoyer le lien à l'employeur")).click()
    expect(page.get_by_role("status").first).to_contain_text(f"Le lien est envoyé à {CONTACT}")
    sign_out(page)

    # The employer's contact opens the link of the email: the job only, no account.
    assert [m.to for m in mail.outbox] == [[CONTACT]]
    link = re.search(r"https?://\S+(/employeur/suivi/\S+/)", mail.outbox[0].body).group(1)
    page.goto(link)
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Le suivi de l'embauche de Fatou D.")
    expect(main).to_contain_text(step)
    expect(main).not_to_contain_text("Diallo")
    for barrier_word in ("Santé", "Garde d'enfants", "Transport"):
        expect(main).not_to_contain_text(barrier_word)
    assert_accessible(page)
    page.get_by_text("Plutôt difficile").click()
    tick(page.get_by_label("Horaires"))
    tick(page.get_by_label(re.compile("C'est sérieux")))
    page.get_by_label("Commentaire").fill("Retards répétés le lundi matin")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("status").first).to_contain_text("votre réponse est transmise")
    expect(main).to_contain_text("déjà reçu une réponse")
    expect(main).to_contain_text("Retards répétés le lundi matin")
    expect(page.get_by_role("button", name="Envoyer ma réponse")).to_have_count(0)
    assert_accessible(page)

    # Sophie finds the answer on the contract page and the alert in « À traiter ».
    sign_in(page, SOPHIE)
    page.goto(reverse("contract_detail", args=[fatou.pk, contract.pk]))
    section = page.locator(f"section[aria-labelledby='point-{side.checkpoint_id}']")
    expect(section).to_contain_text("réponse de l'employeur par le lien reçu par e-mail")
    expect(section).to_contain_text("Retards répétés le lundi matin")
    page.goto(reverse("worklist"))
    expect(page.locator("#alertes").locator("..")).to_contain_text("Difficulté sérieuse")
    assert_accessible(page)
