"""The action owner in the API: set at creation and update, the « mine » filter, and
the owner who sees no more of the plan than their own actions."""

import pytest

from pathways.enums import TeamRole
from pathways.services import team_member_add
from plans.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(team, followed):
    team_member_add(
        pathway=followed.pathway,
        user=followed.prescriber_user,
        organization=followed.prescriber,
        role=TeamRole.COUNSELLOR,
        access_until=None,
        actor=team.colleague,
    )
    return followed.prescriber_user


def _create(client, followed, headers, **payload):
    return client.post(
        f"/api/v1/persons/{followed.person.pk}/actions",
        {"kind": "other", "title": "Appeler la CAF", **payload},
        content_type="application/json",
        headers=headers,
    )


def test_the_team_gives_an_action_to_an_adviser_who_lists_and_closes_it(
    client, team, followed, bearer, adviser
):
    team_headers = bearer(team.colleague)
    response = _create(client, followed, team_headers, owner_id=adviser.pk)
    assert response.status_code == 201
    created = response.json()
    assert created["owner_id"] == adviser.pk and created["owner_is_person"] is False
    _create(client, followed, team_headers, title="La mienne")  # the colleague's by default

    mine = client.get(
        f"/api/v1/persons/{followed.person.pk}/actions?mine=true", headers=team_headers
    ).json()
    assert [item["title"] for item in mine["items"]] == ["La mienne"]

    adviser_headers = bearer(adviser)
    theirs = client.get("/api/v1/actions/mine", headers=adviser_headers).json()
    assert [item["title"] for item in theirs["items"]] == ["Appeler la CAF"]
    # The plan itself stays the team's; their own action they close.
    listing = client.get(f"/api/v1/persons/{followed.person.pk}/actions", headers=adviser_headers)
    assert listing.status_code == 403
    closed = client.patch(
        f"/api/v1/actions/{created['id']}",
        {"status": "done"},
        content_type="application/json",
        headers=adviser_headers,
    )
    assert closed.status_code == 200 and closed.json()["status"] == "done"
    other = Action.objects.get(title="La mienne")
    refused = client.patch(
        f"/api/v1/actions/{other.pk}",
        {"status": "done"},
        content_type="application/json",
        headers=adviser_headers,
    )
    assert refused.status_code == 403


def test_the_owner_is_changed_by_the_team_only(client, team, followed, bearer, adviser):
    action_id = _create(client, followed, bearer(team.colleague)).json()["id"]
    response = client.patch(
        f"/api/v1/actions/{action_id}",
        {"owner": {"owner_is_person": True}},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 200
    assert response.json()["owner_is_person"] is True and response.json()["owner_id"] is None
    refused = client.patch(
        f"/api/v1/actions/{action_id}",
        {"owner": {"owner_id": adviser.pk}},
        content_type="application/json",
        headers=bearer(adviser),
    )
    assert refused.status_code == 403


def test_two_owners_or_a_stranger_owner_are_refused_in_french(client, team, followed, bearer):
    headers = bearer(team.colleague)
    both = _create(client, followed, headers, owner_id=team.colleague.pk, owner_is_person=True)
    assert both.status_code == 400
    assert "un·e seul·e responsable" in both.json()["detail"]
    stranger = _create(client, followed, headers, owner_id=team.stranger.pk)
    assert stranger.status_code == 400
    assert "ne suit pas cette personne" in stranger.json()["detail"]
    assert not Action.objects.exists()


def test_a_stranger_gets_no_action_of_anyone(client, team, followed, bearer, adviser):
    _create(client, followed, bearer(team.colleague), owner_id=adviser.pk)
    response = client.get("/api/v1/actions/mine", headers=bearer(team.stranger))
    assert response.status_code == 200 and response.json()["items"] == []
