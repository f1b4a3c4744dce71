"""A visitor says « Je suis intéressé·e » for one of the mission's published offers, sends
the form twice (a double click, then a new page, their phone typed otherwise), thanked the
same each time; Sophie, of the Mission emploi de Trélazé, finds one request on the
offer's page — a « candidature sur une offre » naming the offer — with the second
message appended."""

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from offers.forms import MIN_FILL_SECONDS
from offers.models import JobOffer
from organizations.models import Organization
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"


def _fill_and_send(page, *, phone: str, message: str, double_click: bool = False) -> None:
    page.get_by_label("Prénom").fill("Nadia")
    page.locator("#id_last_name").fill("Intéressée")
    page.get_by_label("Téléphone").fill(phone)
    page.get_by_label("Votre message").fill(message)
    tick(page.get_by_label(re.compile("J'accepte que mes coordonnées")))
    time.sleep(MIN_FILL_SECONDS + 0.5)  # a person takes longer than a robot to fill it
    button = page.get_by_role("button", name="Envoyer ma demande")
    if double_click:
        button.dblclick()
    else:
        button.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")


def test_a_visitor_sending_twice_makes_one_request_on_the_offers_page(page, demo_territory):
    mission = Organization.objects.get(name__startswith="Mission emploi", is_demo=True)
    offer = JobOffer.objects.published().filter(organization=mission).order_by("pk").first()
    public_url = reverse("public_offer_detail", args=[offer.pk])

    page.goto(public_url)
    # A double click on « Envoyer »: the same thanks.
    _fill_and_send(page, phone="06 12 34 56 78", message="Disponible dès lundi.", double_click=True)
    # A new page, the phone typed otherwise, a new word.
    page.goto(public_url)
    _fill_and_send(page, phone="+33 6 12 34 56 78", message="J'ai aussi le permis B.")
    expect(page.get_by_role("main")).not_to_contain_text("déjà")

    sign_in(page, SOPHIE)
    page.goto(reverse("offer_detail", args=[offer.pk]))
    requests = page.get_by_role("table", name="demande reçue")
    expect(requests).to_contain_text("1 demande reçue")
    expect(requests).to_contain_text("INTÉRESSÉE Nadia")
    expect(requests).to_contain_text("Candidature sur une offre")
    assert_accessible(page)
    requests.get_by_role("link", name="Voir l'orientation").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Candidature sur une offre")
    expect(main).to_contain_text("Disponible dès lundi.")
    expect(main).to_contain_text("J'ai aussi le permis B.")
    expect(main.get_by_role("link", name=offer.title)).to_have_attribute(
        "href", reverse("offer_detail", args=[offer.pk])
    )
    assert_accessible(page)
