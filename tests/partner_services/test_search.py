from partner_services.selectors import services_search
from tests.barriers.helpers import demo_communes, partner_with_service


def _services(communes):
    _, _, angers = partner_with_service(
        communes["49007"], name="Auto-école d'Angers", thematiques=["mobilite--preparer-un-permis"]
    )
    _, _, trelaze = partner_with_service(communes["49353"], name="Garage de Trélazé")
    _, _, creche = partner_with_service(
        communes["49246"], name="Crèche AVIP", thematiques=["famille--garde-denfants"]
    )
    _, _, espalion = partner_with_service(communes["12096"], name="Garage d'Espalion")
    return angers, trelaze, creche, espalion


def test_it_finds_services_by_theme_nearest_first(team):
    communes = demo_communes()
    angers, trelaze, creche, espalion = _services(communes)
    found = services_search(
        team.colleague, theme="mobilite", commune=communes["49353"], radius_km=10
    )
    assert [f.service for f in found] == [trelaze, angers]
    assert found[0].distance_km == 0
    assert 5 < found[1].distance_km < 10


def test_it_filters_by_exact_thematique_and_text(team):
    communes = demo_communes()
    angers, trelaze, creche, espalion = _services(communes)
    assert [
        f.service for f in services_search(team.colleague, theme="famille--garde-denfants")
    ] == [creche]
    assert [f.service for f in services_search(team.colleague, q="garage espalion")] == [espalion]


def test_the_search_page_shows_distances_and_paginates(client, team, django_assert_max_num_queries):
    communes = demo_communes()
    _services(communes)
    for number in range(30):
        partner_with_service(communes["49007"], name=f"Service {number:02d}")
    client.force_login(team.colleague)
    with django_assert_max_num_queries(15):
        response = client.get(
            "/services/", {"theme": "mobilite", "commune": "49353", "radius_km": "10"}
        )
    body = response.content.decode()
    assert response.status_code == 200
    assert "0,0 km" in body or "0.0 km" in body
    assert "Garage d&#x27;Espalion" not in body
    assert "1 / 2" in body
    page_two = client.get(
        "/services/", {"theme": "mobilite", "commune": "49353", "radius_km": "10", "page": 2}
    )
    assert page_two.status_code == 200


def test_the_search_page_reports_an_unknown_commune(client, team):
    client.force_login(team.colleague)
    response = client.get("/services/", {"commune": "Nullepart-sur-Mer"})
    assert response.status_code == 400
    assert "Aucune commune ne correspond" in response.content.decode()
