"""The employer space's candidates come ten a page, filtered by state, while its to-do
list names everyone who waits and opening the space marks every new candidate seen, on
whatever page they are; the API pages the same list."""

import pytest
from django.urls import reverse

from offers import services
from offers.enums import IntroductionState, OfferState
from offers.models import Introduction
from tests.factories.pathways import PathwayFactory
from tests.offers.helpers import employer_account, offer
from www.views.employer import CANDIDATES_PAGE_SIZE

pytestmark = pytest.mark.django_db

I = IntroductionState  # noqa: E741
INTRODUCED = CANDIDATES_PAGE_SIZE + 3


@pytest.fixture
def space(team):
    _, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introductions = [
        services.introduction_create(
            offer=made,
            person=PathwayFactory(
                organization=team.organization, person__last_name=f"Candidat{n:02d}"
            ).person,
            organization=team.organization,
            user=team.colleague,
        )
        for n in range(INTRODUCED)
    ]
    return employer_user, introductions


def test_candidates_come_a_page_at_a_time_and_every_new_one_is_marked_seen(client, space):
    employer_user, introductions = space
    client.force_login(employer_user)
    response = client.get(reverse("employer_space"))
    assert response.status_code == 200
    shown = response.context["candidates"]
    assert len(shown) == CANDIDATES_PAGE_SIZE
    assert response.context["candidates_page"].paginator.count == INTRODUCED
    assert f"Candidates et candidats présentés ({INTRODUCED})" in response.content.decode()
    # The to-do list names all of them, and none stays « not seen » on a later page.
    assert response.context["todo"].paginator.count == INTRODUCED
    states = set(
        Introduction.objects.filter(pk__in=[i.pk for i in introductions]).values_list(
            "state", flat=True
        )
    )
    assert states == {I.SEEN}

    second = client.get(reverse("employer_space"), {"candidats": 2})
    assert len(second.context["candidates"]) == INTRODUCED - CANDIDATES_PAGE_SIZE
    first_ids = {card["id"] for card in shown}
    assert first_ids.isdisjoint(card["id"] for card in second.context["candidates"])


def test_the_candidates_filter_by_state_and_a_bad_state_shows_them_all(client, space):
    employer_user, introductions = space
    client.force_login(employer_user)
    client.get(reverse("employer_space"))  # marks them seen
    client.post(
        reverse("introduction_answer", args=[introductions[0].pk]),
        {"to_state": I.INTERVIEW, "on": "2027-02-01"},
    )
    interviews = client.get(reverse("employer_space"), {"etat": I.INTERVIEW})
    assert [card["id"] for card in interviews.context["candidates"]] == [introductions[0].pk]
    hired = client.get(reverse("employer_space"), {"etat": I.HIRED})
    assert hired.context["candidates"] == []
    assert "Aucune candidature dans cet état." in hired.content.decode()
    unknown = client.get(reverse("employer_space"), {"etat": "n'importe quoi"})
    assert unknown.context["candidates_page"].paginator.count == INTRODUCED


def test_the_api_pages_the_same_candidates(client, space, settings, bearer):
    employer_user, _ = space
    settings.API_PAGE_SIZE = 5
    page_3 = client.get(
        "/api/v1/employer/candidates", {"page": 3}, headers=bearer(employer_user)
    ).json()
    assert (page_3["count"], page_3["page"], page_3["pages"]) == (INTRODUCED, 3, 3)
    assert len(page_3["items"]) == INTRODUCED - 10
