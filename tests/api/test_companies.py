from datetime import date, timedelta

from companies.services import club_join
from immersions.models import Immersion
from tests.companies.helpers import a_company, a_contact, siret
from tests.factories.territories import CommuneFactory


def test_it_creates_reads_and_updates_a_company(client, team, bearer):
    commune = CommuneFactory()
    headers = bearer(team.colleague)
    payload = {
        "siret": siret(),
        "name": "Entrepôts Anjou",
        "naf_code": "5210B",
        "commune": commune.pk,
    }
    response = client.post(
        "/api/v1/companies", payload, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    company = response.json()
    assert company["naf_code"] == "52.10B"
    response = client.post(
        "/api/v1/companies",
        {**payload, "name": "Doublon"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 409
    assert response.json()["existing_company_id"] == company["id"]
    response = client.patch(
        f"/api/v1/companies/{company['id']}",
        {"size_band": "10-49"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["size_band"] == "10-49"
    found = client.get("/api/v1/companies", {"q": "entrepots"}, headers=headers).json()
    assert [c["id"] for c in found["items"]] == [company["id"]]


def test_contacts_log_and_club_belong_to_the_organization(client, team, bearer):
    company = a_company()
    headers = bearer(team.colleague)
    url = f"/api/v1/companies/{company.pk}"
    response = client.post(
        f"{url}/contacts",
        {"name": "Martine", "kind": "hr", "email": "martine@exemple.fr"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    contact_id = response.json()["id"]
    response = client.post(
        f"{url}/contact-log",
        {
            "kind": "visit",
            "contact_id": contact_id,
            "summary": "Visite de l'atelier",
            "next_step": "Rappeler",
            "next_step_due": (date.today() + timedelta(days=7)).isoformat(),
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    response = client.post(
        f"{url}/club", {"engagement": "active"}, content_type="application/json", headers=headers
    )
    assert response.json()["engagement_label"] == "Partenaire actif"
    assert client.get(f"{url}/contact-log", headers=headers).json()["count"] == 1
    assert client.get(url, headers=headers).json()["club_engagement"] == "Partenaire actif"

    stranger = bearer(team.stranger)
    assert client.get(f"{url}/contacts", headers=stranger).json()["count"] == 0
    assert client.get(f"{url}/contact-log", headers=stranger).json()["count"] == 0
    assert client.get(f"{url}/club", headers=stranger).status_code == 404
    assert client.get(url, headers=stranger).json()["club_engagement"] is None


def test_a_log_entry_without_what_was_said_is_refused_in_french(client, team, bearer):
    company = a_company()
    response = client.post(
        f"/api/v1/companies/{company.pk}/contact-log",
        {"kind": "call", "summary": " "},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Notez ce qui s'est dit."


def test_a_prescriber_has_no_company_relations(client, followed, bearer):
    company = a_company()
    response = client.get(
        f"/api/v1/companies/{company.pk}/contacts", headers=bearer(followed.prescriber_user)
    )
    assert response.status_code == 403


def test_immersions_through_the_api(client, team, followed, bearer):
    company = a_company()
    club_join(organization=team.organization, company=company, engagement="active")
    tutor = a_contact(team.organization, company)
    headers = bearer(team.colleague)
    start = date.today() - timedelta(days=20)
    payload = {
        "person_id": followed.person.pk,
        "company_id": company.pk,
        "start_on": start.isoformat(),
        "end_on": (start + timedelta(days=31)).isoformat(),
        "objective": "recruit",
        "tutor_contact_id": tutor.pk,
    }
    response = client.post(
        "/api/v1/immersions", payload, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert "30 jours au plus" in response.json()["detail"]
    payload["end_on"] = (start + timedelta(days=13)).isoformat()
    response = client.post(
        "/api/v1/immersions", payload, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    immersion_id = response.json()["id"]
    response = client.patch(
        f"/api/v1/immersions/{immersion_id}",
        {"assessment": "Concluant", "rating_attitude": 4, "outcome": "hired"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["outcome"] == "hired"
    listing = client.get(f"/api/v1/persons/{followed.person.pk}/immersions", headers=headers).json()
    assert [i["id"] for i in listing["items"]] == [immersion_id]
    prescriber = bearer(followed.prescriber_user)
    response = client.get(f"/api/v1/persons/{followed.person.pk}/immersions", headers=prescriber)
    assert response.status_code == 403
    response = client.get(
        f"/api/v1/persons/{followed.person.pk}/immersions", headers=bearer(team.stranger)
    )
    assert response.status_code == 404
    assert Immersion.objects.get().outcome == "hired"


def test_the_company_list_rejects_an_unknown_sector(client, team, bearer):
    response = client.get("/api/v1/companies", {"secteur": "00"}, headers=bearer(team.colleague))
    assert response.status_code == 400
    assert response.json()["detail"] == "Division NAF inconnue : « 00 »."
