"""`POST /api/v1/introductions/{id}/transitions`: each side its own moves, a refused move
is a 409 in French, a stranger gets a 404."""

import pytest
from django.core import mail

from offers import services
from offers.enums import IntroductionState, OfferState
from pathways.enums import PathwayState
from tests.offers.helpers import employer_account, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def introduced(team, followed):
    organization, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    return introduction, employer_user


def _move(client, headers, introduction, **body):
    return client.post(
        f"/api/v1/introductions/{introduction.pk}/transitions",
        body,
        headers=headers,
        content_type="application/json",
    )


def test_the_structure_sends_and_the_employer_answers_up_to_the_hire(
    client, team, followed, bearer, introduced, django_capture_on_commit_callbacks
):
    introduction, employer_user = introduced
    structure, employer = bearer(team.colleague), bearer(employer_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _move(client, structure, introduction, to="sent", email="rh@exemple.fr")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "sent" and "seen" in response.json()["next_states"]
    assert [m.to for m in mail.outbox] == [["rh@exemple.fr"]]
    response = _move(client, employer, introduction, to="interview", date="2027-03-01")
    assert response.json()["interview_on"] == "2027-03-01"
    response = _move(client, employer, introduction, to="hired", date="2027-03-15")
    body = response.json()
    assert (body["state"], body["starts_on"], body["next_states"]) == ("hired", "2027-03-15", [])
    assert "person_name" not in body  # the same answer for both sides: nothing of the person
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.IN_EMPLOYMENT
    detail = client.get(f"/api/v1/introductions/{introduction.pk}", headers=structure).json()
    assert (detail["state"], detail["sent_to"]) == ("hired", "rh@exemple.fr")
    listed = client.get("/api/v1/introductions", headers=structure).json()["items"]
    assert [i["state_label"] for i in listed] == ["Embauche conclue"]


def test_a_move_the_state_refuses_is_a_409_in_french(client, team, bearer, introduced):
    introduction, employer_user = introduced
    structure = bearer(team.colleague)
    assert _move(client, structure, introduction, to="withdrawn").status_code == 200
    response = _move(client, bearer(employer_user), introduction, to="hired")
    assert response.status_code == 409
    assert "retirée" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"to": "declined"}, 400, "motif"),
        ({"to": "seen"}, 400, "se note seule"),
        ({"to": "sent", "email": "pas une adresse"}, 400, "adresse"),
        ({"to": "hired", "date": "0001-01-01"}, 422, ""),
        ({"to": "promoted"}, 422, ""),
    ],
)
def test_bad_input_is_refused_in_french_never_a_crash(
    client, team, bearer, introduced, body, status, words
):
    introduction, employer_user = introduced
    headers = bearer(employer_user if body["to"] == "declined" else team.colleague)
    response = _move(client, headers, introduction, **body)
    assert response.status_code == status, response.content
    assert words in response.json()["detail"]
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.PROPOSED


def test_each_side_keeps_to_its_own_moves_and_a_stranger_finds_nothing(
    client, team, bearer, introduced
):
    introduction, employer_user = introduced
    employer = bearer(employer_user)
    for to in ("withdrawn", "cancelled"):
        assert _move(client, employer, introduction, to=to).status_code == 403
    assert _move(client, employer, introduction, to="sent", email="a@b.fr").status_code == 403
    stranger = bearer(team.stranger)
    assert _move(client, stranger, introduction, to="hired").status_code == 404
    assert client.get(f"/api/v1/introductions/{introduction.pk}", headers=stranger).status_code == (
        404
    )
    # The employer reads its candidates in its space, not the structure's record.
    assert client.get(f"/api/v1/introductions/{introduction.pk}", headers=employer).status_code == (
        404
    )
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.PROPOSED
