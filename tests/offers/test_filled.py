"""« Pourvue » records who was hired: one of the people introduced (whose introduction
moves to « embauchée ») or someone found elsewhere; filling and closing ask first."""

import pytest
from django.urls import reverse

from offers import services
from offers.enums import IntroductionState, OfferState
from offers.models import OfferTransition
from pathways.enums import PathwayState
from tests.offers.helpers import employer_account, offer


@pytest.fixture
def introduced(team, followed):
    _, _, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    return made, introduction


def _transition(client, made, **data):
    return client.post(reverse("offer_transition", args=[made.pk]), data)


def test_marking_filled_asks_who_was_hired_and_changes_nothing_before(client, team, introduced):
    made, introduction = introduced
    client.force_login(team.colleague)
    response = _transition(client, made, to_state="filled")
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Qui a été embauché·e ?" in page
        and "Sandrine Q., présenté·e par Chantier des Tests" in page
    )
    assert "Pourvue par ailleurs" in page
    response = _transition(client, made, to_state="filled", confirmation="oui")
    assert response.status_code == 400
    assert "Dites qui a été embauché·e" in response.content.decode()
    made.refresh_from_db()
    introduction.refresh_from_db()
    assert made.state == OfferState.PUBLISHED
    assert introduction.state == IntroductionState.PROPOSED


def test_filled_by_an_introduced_person_hires_them(client, team, followed, introduced):
    made, introduction = introduced
    client.force_login(team.colleague)
    response = _transition(
        client, made, to_state="filled", confirmation="oui", embauche=str(introduction.pk)
    )
    assert response.status_code == 302
    made.refresh_from_db()
    introduction.refresh_from_db()
    assert made.state == OfferState.FILLED
    assert introduction.state == IntroductionState.HIRED
    row = OfferTransition.objects.filter(offer=made).latest("at", "id")
    assert (row.to_state, row.filled_by, row.filled_elsewhere) == ("filled", introduction, False)
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.IN_EMPLOYMENT
    page = client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    assert "Embauche de Sandrine Q., présenté·e par Chantier des Tests." in page


def test_filled_elsewhere_is_recorded_on_the_offers_log(client, team, introduced):
    made, introduction = introduced
    client.force_login(team.colleague)
    _transition(client, made, to_state="filled", confirmation="oui", embauche="ailleurs")
    made.refresh_from_db()
    introduction.refresh_from_db()
    assert made.state == OfferState.FILLED
    assert introduction.state == IntroductionState.PROPOSED
    row = OfferTransition.objects.filter(offer=made).latest("at", "id")
    assert row.filled_elsewhere and row.filled_by is None
    assert (
        "Pourvue par ailleurs."
        in client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    )


def test_closing_asks_first(client, team, introduced):
    made, _ = introduced
    client.force_login(team.colleague)
    response = _transition(client, made, to_state="closed")
    assert response.status_code == 200 and "Clôturer l&#x27;offre" in response.content.decode()
    made.refresh_from_db()
    assert made.state == OfferState.PUBLISHED
    _transition(client, made, to_state="closed", confirmation="oui")
    made.refresh_from_db()
    assert made.state == OfferState.CLOSED


def test_pausing_needs_no_confirmation(client, team, introduced):
    made, _ = introduced
    client.force_login(team.colleague)
    _transition(client, made, to_state="paused")
    made.refresh_from_db()
    assert made.state == OfferState.PAUSED


def test_the_api_validates_who_was_hired(client, team, followed, introduced, bearer):
    made, introduction = introduced
    other = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    elsewhere = services.introduction_create(
        offer=other, person=followed.person, organization=team.organization, user=team.colleague
    )
    headers = bearer(team.colleague)
    path = f"/api/v1/offers/{made.pk}/transitions"

    def post(payload):
        return client.post(path, payload, content_type="application/json", headers=headers)

    assert post({"to_state": "filled"}).status_code == 400
    response = post({"to_state": "filled", "hired_introduction_id": elsewhere.pk})
    assert (
        response.status_code == 400 and "pas candidate à cette offre" in response.json()["detail"]
    )
    both = {
        "to_state": "filled",
        "hired_introduction_id": introduction.pk,
        "filled_elsewhere": True,
    }
    assert post(both).status_code == 400
    assert post({"to_state": "paused", "filled_elsewhere": True}).status_code == 400
    made.refresh_from_db()
    assert made.state == OfferState.PUBLISHED
    response = post({"to_state": "filled", "hired_introduction_id": introduction.pk})
    assert response.status_code == 200 and response.json()["state"] == "filled"
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.HIRED
