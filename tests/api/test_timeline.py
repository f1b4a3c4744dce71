import pytest

from plans import services
from plans.enums import NoteVisibility

pytestmark = pytest.mark.django_db


def test_levels_decide_which_events_the_api_returns(client, team, followed, bearer):
    services.note_create(
        person=followed.person,
        text="confidentiel",
        visibility=NoteVisibility.ORGANIZATION,
        author=team.colleague,
        organization=team.organization,
    )
    url = f"/api/v1/persons/{followed.person.pk}/timeline"
    team_kinds = {
        e["kind"] for e in client.get(url, headers=bearer(team.colleague)).json()["items"]
    }
    assert "note" in team_kinds and "entry" in team_kinds
    response = client.get(url, headers=bearer(followed.prescriber_user))
    assert response.status_code == 200
    assert {e["kind"] for e in response.json()["items"]} == {"entry", "identity"}
    assert "confidentiel" not in response.content.decode()
    assert client.get(url, headers=bearer(team.stranger)).status_code == 404


def test_it_filters_by_kind(client, team, followed, bearer):
    response = client.get(
        f"/api/v1/persons/{followed.person.pk}/timeline?kind=entry", headers=bearer(team.colleague)
    )
    assert [e["kind"] for e in response.json()["items"]] == ["entry"]
