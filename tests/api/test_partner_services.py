from partner_services.models import ServiceReferral
from partner_services.services import service_referral_send
from tests.barriers.helpers import demo_communes, identify, partner_with_service


def test_it_searches_services_with_their_distance(client, team, bearer):
    communes = demo_communes()
    _, _, near = partner_with_service(communes["49353"], name="Garage de Trélazé")
    _, _, far = partner_with_service(communes["49007"], name="Garage d'Angers")
    partner_with_service(communes["12096"], name="Garage d'Espalion")
    response = client.get(
        "/api/v1/services",
        {"theme": "mobilite", "commune": "49353", "radius_km": 10},
        headers=bearer(team.colleague),
    )
    body = response.json()
    assert body["count"] == 2
    assert [item["service"]["id"] for item in body["items"]] == [near.pk, far.pk]
    assert body["items"][0]["distance_km"] == 0
    detail = client.get(f"/api/v1/services/{near.pk}", headers=bearer(team.colleague)).json()
    assert detail["commune"] == "49353"


def test_it_rejects_an_unknown_commune_or_radius_in_french(client, team, bearer):
    headers = bearer(team.colleague)
    response = client.get("/api/v1/services", {"commune": "99999"}, headers=headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "Commune inconnue : « 99999 »."
    response = client.get("/api/v1/services", {"radius_km": 7}, headers=headers)
    assert response.status_code == 400


def test_the_team_refers_and_the_partner_answers(client, team, followed, bearer):
    communes = demo_communes()
    barrier = identify(followed.person, "mobilite-sans-vehicule", team.colleague, team.organization)
    _, partner_user, service = partner_with_service(communes["49353"])
    response = client.post(
        "/api/v1/service-referrals",
        {
            "person_id": followed.person.pk,
            "service_id": service.pk,
            "barrier_id": barrier.pk,
            "message": "Besoin d'un véhicule pour le chantier",
        },
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201
    referral_id = response.json()["id"]
    assert response.json()["barrier_id"] == barrier.pk
    barrier.refresh_from_db()
    assert barrier.status == "being_lifted"

    listing = client.get("/api/v1/service-referrals", headers=bearer(partner_user)).json()
    [seen] = listing["items"]
    assert seen["person_name"] == "Sandrine Quintaval"
    assert seen["barrier_id"] is None  # the partner does not see the barriers
    response = client.post(
        f"/api/v1/service-referrals/{referral_id}/transition",
        {"state": "accepted"},
        content_type="application/json",
        headers=bearer(partner_user),
    )
    assert response.json()["state"] == "accepted"
    response = client.post(
        f"/api/v1/service-referrals/{referral_id}/transition",
        {"state": "done"},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 403


def test_strangers_and_prescribers_get_no_referral(client, team, followed, bearer):
    communes = demo_communes()
    _, _, service = partner_with_service(communes["49353"])
    referral = service_referral_send(
        person=followed.person,
        service=service,
        organization=team.organization,
        user=team.colleague,
        message="Bonjour",
    )
    for user in (team.stranger, followed.prescriber_user):
        assert client.get("/api/v1/service-referrals", headers=bearer(user)).json()["count"] == 0
        response = client.post(
            f"/api/v1/service-referrals/{referral.pk}/transition",
            {"state": "cancelled"},
            content_type="application/json",
            headers=bearer(user),
        )
        assert response.status_code == 404
    response = client.post(
        "/api/v1/service-referrals",
        {"person_id": followed.person.pk, "service_id": service.pk, "message": "x"},
        content_type="application/json",
        headers=bearer(followed.prescriber_user),
    )
    assert response.status_code == 403
    assert ServiceReferral.objects.count() == 1
