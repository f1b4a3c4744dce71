import pytest

from organizations.enums import OrganizationKind
from pathways.enums import PathwayState
from pathways.models import EligibilityDiagnosis, Pathway
from pathways.services import pathway_transition
from persons.services import person_create
from tests.factories.organizations import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_team_reads_the_pathways_with_every_detail(client, team, followed, bearer):
    response = client.get(
        f"/api/v1/persons/{followed.person.pk}/pathways", headers=bearer(team.colleague)
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["state"] == "intake" and item["entry_channel"] == "referral"
    assert item["prescriber_organization_id"] == followed.prescriber.pk
    assert item["transitions"][0]["to_state"] == "intake"


def test_the_prescriber_reads_milestones_only(client, team, followed, bearer):
    pathway_transition(
        pathway=followed.pathway,
        to_state=PathwayState.DIAGNOSIS,
        user=team.colleague,
        comment="privé",
    )
    pathway_transition(pathway=followed.pathway, to_state=PathwayState.ACTIVE, user=team.colleague)
    response = client.get(
        f"/api/v1/pathways/{followed.pathway.pk}", headers=bearer(followed.prescriber_user)
    )
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "active"
    assert data["referent"] is None and data["entry_channel"] is None
    assert [t["to_state"] for t in data["transitions"]] == ["active"]
    assert "privé" not in response.content.decode()


def test_a_stranger_gets_a_404(client, team, followed, bearer):
    headers = bearer(team.stranger)
    assert (
        client.get(f"/api/v1/persons/{followed.person.pk}/pathways", headers=headers).status_code
        == 404
    )
    assert client.get(f"/api/v1/pathways/{followed.pathway.pk}", headers=headers).status_code == 404


def test_it_opens_a_pathway(client, team, bearer):
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "A", "last_name": "B"},
    )
    response = client.post(
        "/api/v1/pathways",
        {"person_id": person.pk, "kind": "support", "referent_id": team.colleague.pk},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201
    assert Pathway.objects.get(person=person).organization == team.organization


def test_a_refused_transition_says_why_in_french_and_changes_nothing(
    client, team, followed, bearer
):
    url = f"/api/v1/pathways/{followed.pathway.pk}/transitions"
    response = client.post(
        url,
        {"to_state": "post_exit"},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 400
    assert "Impossible de passer" in response.json()["detail"]
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == "intake"


def test_closing_by_a_transition_is_refused_and_points_to_close(client, team, followed, bearer):
    url = f"/api/v1/pathways/{followed.pathway.pk}/transitions"
    for payload in ({"to_state": "closed"}, {"to_state": "closed", "exit_reason": "training"}):
        response = client.post(
            url, payload, content_type="application/json", headers=bearer(team.colleague)
        )
        assert response.status_code == 400
        assert f"/api/v1/pathways/{followed.pathway.pk}/close" in response.json()["detail"]
    followed.pathway.refresh_from_db()
    assert (followed.pathway.state, followed.pathway.exit_reason) == ("intake", "")
    assert not followed.pathway.transitions.filter(to_state="closed").exists()


def test_the_prescriber_cannot_move_the_pathway(client, team, followed, bearer):
    response = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/transitions",
        {"to_state": "active"},
        content_type="application/json",
        headers=bearer(followed.prescriber_user),
    )
    assert response.status_code == 403
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == "intake"


def test_it_sets_the_pass_and_a_change(client, team, followed, bearer):
    headers = bearer(team.colleague)
    response = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/pass",
        {"number": "99999 25 00001", "start": "2025-01-01"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["pass_end"] == "2026-12-31"
    response = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/pass-changes",
        {"kind": "extension", "start": "2027-01-01", "end": "2027-01-31", "reason": "Formation"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert response.json()["pass_end"] == "2027-01-31"


def test_it_adds_a_team_member_and_records_a_diagnosis(client, team, followed, bearer):
    headers = bearer(team.colleague)
    response = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/team",
        {"user_id": team.admin.pk, "organization_id": team.organization.pk, "role": "counsellor"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    response = client.post(
        f"/api/v1/persons/{followed.person.pk}/eligibility-diagnoses",
        {"level1": ["ass"]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201 and response.json()["is_eligible"] is True
    assert EligibilityDiagnosis.objects.get().organization == team.organization


def test_a_team_member_says_what_the_seat_gives(client, team, followed, bearer):
    headers = bearer(team.colleague)
    url = f"/api/v1/pathways/{followed.pathway.pk}/team"
    adviser = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.FRANCE_TRAVAIL)
    )
    response = client.post(
        url,
        {
            "user_id": adviser.user.pk,
            "organization_id": adviser.organization.pk,
            "role": "counsellor",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert response.json()["level"] == "milestones"
    assert response.json()["level_label"] == "voit les grandes étapes seulement"
    response = client.post(
        url,
        {"user_id": team.admin.pk, "organization_id": team.organization.pk, "role": "counsellor"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert (response.json()["level"], response.json()["level_label"]) == (
        "team",
        "voit tout le dossier",
    )
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["TeamMemberOut"]
    assert schema["properties"]["level"]["enum"] == ["team", "milestones", "none"]
    assert "grandes étapes" in schema["properties"]["level"]["description"]
