import pytest

from tests.factories.territories import commune_at


@pytest.fixture
def headers(bearer):
    return bearer()


def test_it_requires_a_token(client, anjou):
    for url in ["/api/v1/communes?q=trelaze", "/api/v1/communes/49353/nearby"]:
        response = client.get(url)
        assert response.status_code == 401
        assert response.json() == {"detail": "Authentification requise : jeton absent ou invalide."}


def test_it_searches_communes(client, anjou, headers):
    response = client.get("/api/v1/communes", {"q": "Trelaze"}, headers=headers)

    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "49353",
            "name": "Trélazé",
            "department": "49",
            "department_name": "Maine-et-Loire",
            "post_codes": ["49800"],
            "epci": "244900015",
            "latitude": 47.4522,
            "longitude": -0.478,
        }
    ]


def test_it_limits_the_search(client, anjou, headers):
    assert len(client.get("/api/v1/communes?q=49&limit=2", headers=headers).json()) == 2
    too_many = client.get("/api/v1/communes?q=49&limit=51", headers=headers)
    assert too_many.status_code == 422
    assert too_many.json()["detail"] == "Données invalides. limit : Au plus 50."


def test_it_answers_an_empty_list_to_a_one_character_query(client, anjou, headers):
    response = client.get("/api/v1/communes?q=a", headers=headers)

    assert (response.status_code, response.json()) == (200, [])


def test_it_lists_nearby_communes_nearest_first(client, anjou, headers):
    response = client.get("/api/v1/communes/49353/nearby?radius_km=5", headers=headers)

    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["page"], data["pages"]) == (2, 1, 1)
    assert [(i["commune"]["name"], i["distance_km"]) for i in data["items"]] == [
        ("Saint-Barthélemy-d'Anjou", 2.46),
        ("Les Ponts-de-Cé", 3.74),
    ]


def test_it_pages_nearby_communes(client, headers, settings):
    settings.API_PAGE_SIZE = 2
    centre = commune_at("49001", "Centre", 47.0, -0.5)
    for i in range(5):
        commune_at(f"4910{i}", f"Voisine {i}", 47.0 + (i + 1) / 100, -0.5)

    data = client.get(f"/api/v1/communes/{centre.code}/nearby?page=3", headers=headers).json()

    assert (data["count"], data["page"], data["pages"]) == (5, 3, 3)
    assert [item["commune"]["name"] for item in data["items"]] == ["Voisine 4"]


def test_it_refuses_a_radius_over_200_km_and_unknown_communes(client, anjou, headers):
    too_far = client.get("/api/v1/communes/49353/nearby?radius_km=201", headers=headers)
    assert too_far.status_code == 422
    unknown = client.get("/api/v1/communes/99999/nearby", headers=headers)
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "Ressource introuvable."})
