import pytest

from organizations.enums import OrganizationKind
from pathways.models import Pathway
from referrals import services
from referrals.enums import ReferralState as S
from referrals.models import Referral
from tests.factories.organizations import OrganizationFactory
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def prescriber():
    return prescriber_with_adviser()


def _post(client, url, headers, payload=None):
    return client.post(url, payload or {}, content_type="application/json", headers=headers)


def test_the_whole_story_through_the_api(client, team, prescriber, bearer):
    """The prescriber refers; the structure reads (seen) and accepts; the prescriber reads
    « acceptée » and the pathway's milestones — the same facts as the pages."""
    person = person_of(prescriber)
    adviser = bearer(prescriber.adviser)
    response = _post(
        client,
        "/api/v1/referrals",
        adviser,
        {
            "person_id": person.pk,
            "to_organization_id": team.organization.pk,
            "motivation": "Projet dans le nettoyage.",
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["state"] == "sent"
    assert created["from_organization"]["id"] == prescriber.organization.pk
    referral_id = created["id"]

    again = _post(
        client,
        "/api/v1/referrals",
        adviser,
        {"person_id": person.pk, "to_organization_id": team.organization.pk, "motivation": "x"},
    )
    assert again.status_code == 400
    assert "déjà une orientation en cours" in again.json()["detail"]

    structure = bearer(team.colleague)
    inbox = client.get("/api/v1/referrals?direction=received", headers=structure).json()
    assert [item["id"] for item in inbox["items"]] == [referral_id]
    read = client.get(f"/api/v1/referrals/{referral_id}", headers=structure).json()
    assert read["state"] == "seen" and read["seen_at"]

    accepted = _post(
        client,
        f"/api/v1/referrals/{referral_id}/accept",
        structure,
        {"referent_id": team.admin.pk, "kind": "iae"},
    )
    assert accepted.status_code == 200, accepted.content
    pathway = Pathway.objects.get(person=person, organization=team.organization)
    assert pathway.referent == team.admin

    followed_up = client.get(f"/api/v1/referrals/{referral_id}", headers=adviser).json()
    assert followed_up["state"] == "accepted" and followed_up["state_label"] == "Acceptée"
    assert followed_up["pathway"]["id"] == pathway.pk
    assert followed_up["pathway"]["state"] == "intake"
    assert followed_up["pathway"]["in_employment"] is False
    sent = client.get("/api/v1/referrals?direction=sent&state=accepted", headers=adviser).json()
    assert sent["count"] == 1


def test_a_refusal_carries_its_reason_and_checks_it(client, team, prescriber, bearer):
    referral = send(prescriber, person_of(prescriber), team.organization)
    url = f"/api/v1/referrals/{referral.pk}/refuse"
    response = _post(client, url, bearer(team.colleague), {"reason": "other"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Précisez le motif du refus en commentaire."
    response = _post(client, url, bearer(team.colleague), {"reason": "schedule", "comment": "Nuit"})
    assert response.status_code == 200
    data = client.get(f"/api/v1/referrals/{referral.pk}", headers=bearer(prescriber.adviser))
    data = data.json()
    assert data["refusal_reason_label"] == "Pas de poste adapté aux horaires de la personne"
    assert data["answer_comment"] == "Nuit"


def test_redirect_and_withdraw(client, team, prescriber, bearer):
    hub = OrganizationFactory(kind=OrganizationKind.EMPLOYMENT_HUB)
    referral = send(prescriber, person_of(prescriber), team.organization)
    response = _post(
        client,
        f"/api/v1/referrals/{referral.pk}/redirect",
        bearer(team.colleague),
        {"to_organization_id": hub.pk, "comment": "Plus adapté"},
    )
    assert response.status_code == 200
    new_id = response.json()["redirected_to_id"]
    assert Referral.objects.get(pk=new_id).to_organization == hub
    # Only the sender withdraws.
    assert (
        _post(client, f"/api/v1/referrals/{new_id}/withdraw", bearer(team.colleague)).status_code
        == 404
    )
    response = _post(client, f"/api/v1/referrals/{new_id}/withdraw", bearer(prescriber.adviser))
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"


def test_the_sender_cannot_answer_and_the_receiver_cannot_withdraw(
    client, team, prescriber, bearer
):
    referral = send(prescriber, person_of(prescriber), team.organization)
    response = _post(client, f"/api/v1/referrals/{referral.pk}/accept", bearer(prescriber.adviser))
    assert response.status_code == 403
    response = _post(client, f"/api/v1/referrals/{referral.pk}/withdraw", bearer(team.colleague))
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.state == S.SENT


def test_a_structure_sees_only_what_is_addressed_to_it_and_strangers_nothing(
    client, team, prescriber, bearer
):
    mine = send(prescriber, person_of(prescriber, last_name="Pourmoi"), team.organization)
    theirs = send(prescriber, person_of(prescriber, last_name="Ailleurs"), team.other)
    listed = client.get("/api/v1/referrals", headers=bearer(team.colleague)).json()
    assert [item["id"] for item in listed["items"]] == [mine.pk]
    assert (
        client.get(f"/api/v1/referrals/{theirs.pk}", headers=bearer(team.colleague)).status_code
        == 404
    )
    outsider = bearer()
    assert client.get("/api/v1/referrals", headers=outsider).json()["count"] == 0
    for path in (f"/api/v1/referrals/{mine.pk}", f"/api/v1/referrals/{mine.pk}/accept"):
        method = client.get if path.endswith(str(mine.pk)) else client.post
        response = method(path, headers=outsider, content_type="application/json")
        assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.state == S.SENT


def test_the_api_lists_the_same_referrals_as_the_inbox(client, team, prescriber, bearer):
    for name in ("Un", "Deux", "Trois"):
        send(prescriber, person_of(prescriber, last_name=name), team.organization)
    services.referral_withdraw(
        referral=Referral.objects.get(person__last_name="Deux"), user=prescriber.adviser
    )
    client.force_login(team.colleague)
    page = client.get("/orientations/recues/").context["page"]
    api = client.get("/api/v1/referrals?direction=received", headers=bearer(team.colleague))
    assert {r.pk for r in page.object_list} == {item["id"] for item in api.json()["items"]}


def test_unknown_filters_and_targets_are_refused(client, team, prescriber, bearer):
    headers = bearer(prescriber.adviser)
    unknown_state = client.get("/api/v1/referrals?state=nope", headers=headers)
    assert unknown_state.status_code == 422
    assert unknown_state.json()["errors"][0]["msg"].startswith("Valeur possible : 'draft'")
    assert client.get("/api/v1/referrals?direction=up", headers=headers).status_code == 422
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    response = _post(
        client,
        "/api/v1/referrals",
        headers,
        {
            "person_id": person_of(prescriber).pk,
            "to_organization_id": company.pk,
            "motivation": "x",
        },
    )
    assert response.status_code == 404
