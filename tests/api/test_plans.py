import pytest

from plans import services
from plans.enums import ActionKind, NoteVisibility
from plans.models import Action, Note

pytestmark = pytest.mark.django_db


def test_the_team_creates_and_lists_actions(client, team, followed, bearer):
    headers = bearer(team.colleague)
    url = f"/api/v1/persons/{followed.person.pk}/actions"
    response = client.post(
        url,
        {"kind": "training", "title": "CACES", "due_on": "2025-09-01"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    action_id = response.json()["id"]
    assert client.get(url, headers=headers).json()["items"][0]["title"] == "CACES"
    response = client.patch(
        f"/api/v1/actions/{action_id}",
        {"status": "done"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["status"] == "done" and response.json()["done_on"]


def test_the_prescriber_is_refused_and_the_stranger_gets_a_404(client, team, followed, bearer):
    action = services.action_create(
        actor=team.colleague,
        person=followed.person,
        kind=ActionKind.OTHER,
        title="x",
        owner=team.colleague,
        organization=team.organization,
    )
    for path in ("actions", "appointments", "objectives", "notes"):
        url = f"/api/v1/persons/{followed.person.pk}/{path}"
        assert client.get(url, headers=bearer(followed.prescriber_user)).status_code == 403
        assert client.get(url, headers=bearer(team.stranger)).status_code == 404
    patch = client.patch(
        f"/api/v1/actions/{action.pk}",
        {"status": "done"},
        content_type="application/json",
        headers=bearer(followed.prescriber_user),
    )
    assert patch.status_code == 403
    assert Action.objects.get().status == "todo"


def test_notes_private_to_another_organization_are_never_returned(client, team, followed, bearer):
    services.note_create(
        person=followed.person,
        text="privée",
        visibility=NoteVisibility.ORGANIZATION,
        author=team.colleague,
        organization=team.organization,
    )
    response = client.post(
        f"/api/v1/persons/{followed.person.pk}/notes",
        {"text": "partagée", "visibility": "team"},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201
    texts = [
        n["text"]
        for n in client.get(
            f"/api/v1/persons/{followed.person.pk}/notes", headers=bearer(team.admin)
        ).json()["items"]
    ]
    assert set(texts) == {"privée", "partagée"}
    assert Note.objects.count() == 2


def test_it_records_an_appointment_and_its_attendance(client, team, followed, bearer):
    headers = bearer(team.colleague)
    response = client.post(
        f"/api/v1/persons/{followed.person.pk}/appointments",
        {"at": "2025-06-02T10:00:00+02:00", "subject": "Bilan"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    response = client.patch(
        f"/api/v1/appointments/{response.json()['id']}",
        {"attendance": "attended"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["attendance"] == "attended"
    followed.person.refresh_from_db()
    assert followed.person.last_contact_at is not None


def test_objectives_are_created_and_listed(client, team, followed, bearer):
    headers = bearer(team.colleague)
    url = f"/api/v1/persons/{followed.person.pk}/objectives"
    assert (
        client.post(
            url,
            {"title": "Permis B", "is_employment": False},
            content_type="application/json",
            headers=headers,
        ).status_code
        == 201
    )
    assert client.get(url, headers=headers).json()["count"] == 1
