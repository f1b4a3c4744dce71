import pytest

from lib.geo import unit_vector
from offers import services
from offers.enums import OfferState
from offers.models import JobOffer
from tests.barriers.helpers import identify
from tests.offers.helpers import bakery_job, employer_account, far_away, offer, trelaze

pytestmark = pytest.mark.django_db


def test_it_creates_updates_and_publishes_an_offer(client, team, bearer):
    headers = bearer(team.colleague)
    job, commune = bakery_job(), trelaze()
    _, _, bakery = employer_account()
    response = client.post(
        "/api/v1/offers",
        {
            "company_siret": bakery.siret,
            "appellation": job.code,
            "commune": commune.code,
            "tasks": "Servir\nEncaisser",
            "contract_type": "CDD",
            "duration_months": 6,
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["state"] == "draft" and created["company"] == bakery.name
    response = client.patch(
        f"/api/v1/offers/{created['id']}",
        {"positions": 3},
        content_type="application/json",
        headers=headers,
    )
    assert "recrute 3 personnes" in response.json()["text"]
    response = client.post(
        f"/api/v1/offers/{created['id']}/transitions",
        {"to_state": "published"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["state"] == "published"
    response = client.post(
        f"/api/v1/offers/{created['id']}/transitions",
        {"to_state": "draft"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400 and "ne peut pas passer" in response.json()["detail"]


def test_an_offer_written_or_moved_through_the_api_is_placed_at_its_commune(client, team, bearer):
    headers = bearer(team.colleague)
    _, _, bakery = employer_account()
    here, there = trelaze(), far_away()
    created = client.post(
        "/api/v1/offers",
        {
            "company_siret": bakery.siret,
            "appellation": bakery_job().code,
            "commune": here.code,
            "tasks": "Servir",
            "contract_type": "CDD",
            "duration_months": 6,
        },
        content_type="application/json",
        headers=headers,
    ).json()
    place = ("latitude", "longitude", "unit_x", "unit_y", "unit_z")
    stored = JobOffer.objects.values_list(*place).get(pk=created["id"])
    assert stored == (here.latitude, here.longitude, *unit_vector(here.latitude, here.longitude))
    response = client.patch(
        f"/api/v1/offers/{created['id']}",
        {"commune": there.code},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.json()
    stored = JobOffer.objects.values_list(*place).get(pk=created["id"])
    assert stored == (
        there.latitude,
        there.longitude,
        *unit_vector(there.latitude, there.longitude),
    )


def test_it_lists_only_the_managed_offers(client, team, bearer):
    made = offer(team.organization, team.colleague)
    assert client.get("/api/v1/offers", headers=bearer(team.colleague)).json()["count"] == 1
    stranger = client.get("/api/v1/offers", headers=bearer(team.stranger)).json()
    assert stranger["count"] == 0
    response = client.get(f"/api/v1/offers/{made.pk}", headers=bearer(team.stranger))
    assert response.status_code == 404


def test_the_public_endpoint_needs_no_token_and_shows_published_offers_only(client, team):
    near = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    offer(team.organization, team.colleague, commune=far_away(), state=OfferState.PUBLISHED)
    offer(team.organization, team.colleague)
    everything = client.get("/api/v1/public/offers").json()
    assert everything["count"] == 2
    nearby = client.get("/api/v1/public/offers", {"commune": "49353", "radius_km": 30}).json()
    assert [item["id"] for item in nearby["items"]] == [near.pk]
    assert nearby["items"][0]["distance_km"] == 0
    family = client.get("/api/v1/public/offers", {"rome": "D1106"}).json()
    assert family["count"] == 2
    wrong = client.get("/api/v1/public/offers", {"radius_km": 7})
    assert wrong.status_code == 400 and "Rayon" in wrong.json()["detail"]


def test_the_employer_reads_candidates_without_any_barrier_and_answers(
    client, team, followed, bearer
):
    _, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    barrier = identify(
        followed.person,
        "sante-port-de-charges",
        team.colleague,
        team.organization,
        detail="Lombalgie notée par le médecin",
    )
    response = client.post(
        "/api/v1/introductions",
        {"offer_id": made.pk, "person_id": followed.person.pk},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201
    introduction_id = response.json()["id"]
    headers = bearer(employer_user)
    response = client.get("/api/v1/employer/candidates", headers=headers)
    body = response.content.decode()
    assert response.json()["items"][0]["display_name"] == "Sandrine Q."
    assert "Quintaval" not in body and barrier.detail not in body
    assert barrier.item.label not in body and "sandrine@exemple.fr" not in body
    response = client.post(
        f"/api/v1/employer/candidates/{introduction_id}/answer",
        {"to_state": "hired"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["state"] == "hired"
    stranger = client.get("/api/v1/employer/candidates", headers=bearer(team.stranger))
    assert stranger.json()["count"] == 0


def test_a_structure_cannot_introduce_a_person_it_does_not_follow(client, team, followed, bearer):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    response = client.post(
        "/api/v1/introductions",
        {"offer_id": made.pk, "person_id": followed.person.pk},
        content_type="application/json",
        headers=bearer(team.stranger),
    )
    assert response.status_code == 404
    assert not made.introductions.exists()
    assert JobOffer.objects.count() == 1
    assert services.interest_recipient(made) == team.organization
