def test_me_lists_the_users_organizations(client, team, bearer):
    response = client.get("/api/v1/me", headers=bearer(team.colleague))
    assert response.status_code == 200
    data = response.json()
    assert data["email"] == team.colleague.email
    assert [m["organization_id"] for m in data["memberships"]] == [team.organization.pk]


def test_organizations_are_scoped_and_paginated(client, team, bearer):
    response = client.get("/api/v1/organizations", headers=bearer(team.colleague))
    data = response.json()
    assert data["count"] == 1 and data["pages"] == 1
    assert data["items"][0]["name"] == "Chantier des Tests"
    assert data["items"][0]["role"] == "member"
    other = client.get(f"/api/v1/organizations/{team.other.pk}", headers=bearer(team.colleague))
    assert other.status_code == 404
    assert other.json() == {"detail": "Ressource introuvable."}


def test_the_api_agrees_with_the_ui(client, team, bearer):
    client.force_login(team.colleague)
    page = client.get(f"/organisations/{team.organization.pk}/")
    api = client.get(
        f"/api/v1/organizations/{team.organization.pk}", headers=bearer(team.colleague)
    ).json()
    assert page.context["organization"].siret == api["siret"]
    assert page.context["organization"].get_kind_display() == api["kind_label"]


def test_the_openapi_document_is_published(client, db, bearer):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/organizations" in response.json()["paths"]
