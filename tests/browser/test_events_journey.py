"""Journey of the events (seed 004): Sophie, of the Mission emploi de Trélazé, programs
a weekly drop-in from the agenda, registers Inès, then holds today's session on a
phone: one tap marks Inès present, a visitor written at the door becomes a walk-in
through the walk-in form, prefilled. Camille, counsellor at Les Jardins de la Maine,
registers Alain to the job dating, books him on a bakery slot and introduces him from
it: the introduction is on Alain's timeline."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Attendance, Event
from persons.models import Person
from tests.browser.axe import assert_accessible
from tests.browser.steps import open_main_nav_link, open_person_tab, sign_in, sign_out, tick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
CAMILLE = "camille.siae@demo.parcours.localhost"
PHONE = {"width": 390, "height": 844}


def test_a_drop_in_on_a_phone_and_an_introduction_from_a_job_dating(page, demo_territory):
    today = timezone.localdate()
    sign_in(page, SOPHIE)
    open_main_nav_link(page, "Agenda")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    assert_accessible(page)

    # A weekly drop-in, from today, at the town hall.
    page.get_by_role("link", name="Programmer un événement").click()
    page.get_by_label("Type d'événement").select_option("drop_in")
    page.get_by_label("Titre").fill("Permanence du quartier")
    page.get_by_label("Date (la première séance pour une permanence)").fill(today.isoformat())
    page.get_by_label("Heure de début").fill("00:01")
    page.get_by_label("Heure de fin").fill("23:59")
    page.get_by_label("Adresse ou salle").fill("Maison des associations")
    tick(page.get_by_label("Permanence qui se répète chaque semaine"))
    tick(page.get_by_label("Ouvert aux personnes accompagnées"))
    assert_accessible(page)
    page.get_by_role("button", name="Programmer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Permanence du quartier")
    event = Event.objects.get(title="Permanence du quartier")
    assert event.is_recurring and event.occurrences.count() > 50

    # Inès, whom the mission follows, is registered.
    page.get_by_label("Personne que vous accompagnez").select_option(label="Inès Haddad")
    page.get_by_role("button", name="Inscrire cette personne").click()
    expect(page.locator("main")).to_contain_text("Inès Haddad est inscrit·e.")
    assert_accessible(page)

    # Today's session on a phone: one tap per person.
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="Liste de présence").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Présences du")
    page.get_by_role("button", name="Présent·e : Inès Haddad").click()
    expect(page.locator("#liste-presences")).to_contain_text("Présent·e")
    expect(page.locator("#liste-presences .fr-badge")).to_have_text("Présent·e")
    ines = Person.objects.get(first_name="Inès", last_name="Haddad", is_demo=True)
    assert Attendance.objects.get(person=ines, occurrence__event=event).presence == "present"
    assert_accessible(page)

    # A visitor at the door, then welcomed: the walk-in form comes prefilled.
    page.get_by_label("Prénom de la personne venue sans inscription").fill("Anatole")
    page.get_by_role("button", name="Noter sa venue").click()
    expect(page.locator("[data-present]")).to_have_attribute("data-present", "2")
    page.get_by_role("link", name="Accueillir Anatole (ouvrir son parcours)").click()
    expect(page.get_by_label("Prénom")).to_have_value("Anatole")
    expect(page.get_by_label("Ce que la personne recherche")).to_have_value(
        re.compile("Permanence du quartier")
    )
    page.locator("#id_last_name").fill("Kerbrat")
    tick(page.get_by_label(re.compile("Consentement à recueillir au prochain rendez-vous")))
    page.get_by_role("button", name="Accueillir et ouvrir le parcours").click()
    expect(page.locator("main")).to_contain_text("Anatole Kerbrat est accueilli·e")
    anatole = Person.objects.get(first_name="Anatole", last_name="Kerbrat")
    assert Attendance.objects.get(visitor_name="Anatole").person == anatole
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_out(page)

    # Camille registers Alain to the job dating, books a bakery slot and introduces him.
    dating = Event.objects.get(title__startswith="Job dating des métiers de bouche")
    sign_in(page, CAMILLE)
    page.goto(reverse("event_detail", args=[dating.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(dating.title)
    page.get_by_label("Personne que vous accompagnez").select_option(label="Alain Mercier")
    page.get_by_role("button", name="Inscrire cette personne").click()
    expect(page.locator("main")).to_contain_text("Alain Mercier est inscrit·e.")
    first_slot = page.get_by_role("row").nth(1)
    first_slot.get_by_role("button", name="Réserver").click()
    expect(page.get_by_role("row").nth(1)).to_contain_text("Alain Mercier")
    assert_accessible(page)
    page.get_by_role("row").nth(1).get_by_role("button", name="Présenter pour l'offre").click()
    expect(page.locator("main")).to_contain_text("Alain Mercier est présenté·e")
    expect(page.get_by_role("row").nth(1)).to_contain_text("Mise en relation faite")

    alain = Person.objects.get(first_name="Alain", last_name="Mercier", is_demo=True)
    page.goto(reverse("person_detail", args=[alain.pk]))
    open_person_tab(page, "Alain Mercier", "Chronologie")
    expect(page.locator("main")).to_contain_text("Inscrit·e à « Job dating des métiers de bouche")
    expect(page.locator("main")).to_contain_text("Présenté·e à Boulangeries du Val de Loire")
    assert_accessible(page)
