"""The « Suites » of an event, as each organizer reads them: the structure that follows
the person reads their name and opens their file, the offer and the immersion; a
co-organizing structure that does not follow them reads « Personne accompagnée par … »
and opens nothing of theirs; an employer co-organizer reads the person as its own pages
show them (first name and initial) and opens its candidate's page, never the file."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from events import services
from immersions.services import immersion_create
from offers.enums import OfferState
from offers.services import introduction_create
from tests.offers.helpers import company, employer_account, offer


@pytest.fixture
def traced(team, followed, dating):
    """The dating co-organized by another structure and by the bakery (an employer with
    an account); the followed person introduced to the bakery's offer and in immersion
    at a garage, both traced back to the dating."""
    employer, baker, bakery = employer_account()
    dating.organizers.add(team.other, employer)
    services.register_person(
        event=dating, person=followed.person, user=team.colleague, organization=team.organization
    )
    published = offer(
        team.organization, team.colleague, employer=bakery, state=OfferState.PUBLISHED
    )
    introduction = introduction_create(
        offer=published, person=followed.person, organization=team.organization, user=team.colleague
    )
    immersion = immersion_create(
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        data={
            "company": company("Garage des Essais"),
            "start_on": date.today(),
            "end_on": date.today() + timedelta(days=4),
            "objective": "discover",
            "tutor_name": "Tuteur",
        },
    )
    services.outcome_link(event=dating, user=team.colleague, introduction=introduction)
    services.outcome_link(event=dating, user=team.colleague, immersion=immersion)
    return introduction, immersion, baker


def _outcomes(client, user, dating) -> str:
    client.force_login(user)
    body = client.get(reverse("event_detail", args=[dating.pk])).content.decode()
    start = body.index("<h2>Suites</h2>")
    return body[start : body.index("<h2>", start + 1)]


def test_the_structure_that_follows_the_person_opens_every_page(
    client, team, followed, dating, traced
):
    introduction, immersion, _ = traced
    person = followed.person
    block = _outcomes(client, team.colleague, dating)
    assert f'<a href="{reverse("person_detail", args=[person.pk])}">{person}</a>' in block
    assert f'href="{reverse("offer_detail", args=[introduction.offer_id])}"' in block
    assert f'href="{reverse("immersion_edit", args=[person.pk, immersion.pk])}"' in block
    assert "Boulangerie des Tests" in block and "Garage des Essais" in block
    assert "employeur/" not in block


def test_a_co_organizer_that_does_not_follow_the_person_reads_no_name_and_opens_nothing(
    client, team, followed, dating, traced
):
    introduction, immersion, _ = traced
    block = _outcomes(client, team.stranger, dating)
    assert followed.person.last_name not in block
    assert followed.person.first_name not in block
    assert block.count("Personne accompagnée par Chantier des Tests") == 2
    assert reverse("person_detail", args=[followed.person.pk]) not in block
    assert reverse("offer_detail", args=[introduction.offer_id]) not in block
    assert "/immersions/" not in block
    # What is not linked is not open to them either.
    assert client.get(reverse("person_detail", args=[followed.person.pk])).status_code == 404
    assert client.get(reverse("offer_detail", args=[introduction.offer_id])).status_code == 404


def test_an_employer_co_organizer_reads_its_candidate_as_its_own_pages_show_them(
    client, followed, dating, traced
):
    introduction, _, baker = traced
    block = _outcomes(client, baker, dating)
    assert followed.person.last_name not in block
    assert followed.person.display_name_for_employer in block
    candidate = reverse("employer_candidate", args=[introduction.pk])
    assert f'href="{candidate}"' in block
    assert client.get(candidate).status_code == 200
    assert reverse("person_detail", args=[followed.person.pk]) not in block
    # The immersion is at another company: the bakery reads no name for it.
    assert "Personne accompagnée par Chantier des Tests" in block
    assert "/immersions/" not in block
