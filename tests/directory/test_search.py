from barriers.models import BarrierTheme
from organizations.directory import structures_search
from organizations.enums import OrganizationKind
from tests.directory.helpers import member_of, structure, territory
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory


def _names(found):
    return [f.organization.name for f in found]


def test_it_finds_structures_near_a_commune_nearest_first_with_their_distance(db):
    communes, _ = territory()
    found = structures_search(commune=communes["49353"], radius_km=10)
    assert _names(found) == ["Trélazé Services", "Propreté des Ponts", "Jardins de la Maine"]
    assert found[0].distance_km == 0
    assert 5 < found[2].distance_km < 10


def test_it_never_lists_companies_and_widens_with_the_radius(db):
    communes, _ = territory()
    assert "Boulangerie" not in _names(structures_search())
    assert "Viadène Nature" not in _names(structures_search(commune=communes["49353"]))
    assert "Viadène Nature" in _names(structures_search(commune=communes["12096"], radius_km=30))


def test_it_filters_by_kind_job_theme_and_openness(db):
    communes, _ = territory()
    near = {"commune": communes["49353"], "radius_km": 30}
    cleaning = RomeFamilyFactory(code="K2204")
    assert _names(structures_search(**near, kind=OrganizationKind.ACI)) == ["Jardins de la Maine"]
    assert _names(structures_search(**near, rome=cleaning)) == [
        "Trélazé Services",
        "Propreté des Ponts",
    ]
    numerique = BarrierTheme.objects.get(code="numerique")
    assert _names(structures_search(**near, theme=numerique)) == ["Jardins de la Maine"]
    assert "Propreté des Ponts" not in _names(structures_search(**near, open_now=True))
    assert "Propreté des Ponts" not in _names(structures_search(**near, public=True))


def test_the_directory_page_searches_by_job_title_and_shows_distances(
    client, team, django_assert_max_num_queries
):
    territory()
    AppellationFactory(
        code="123456", name="Agent de propreté", rome=RomeFamilyFactory(code="K2204")
    )
    client.force_login(team.colleague)
    with django_assert_max_num_queries(16):
        response = client.get(
            "/structures/",
            {"commune": "49353", "radius_km": "10", "appellation": "Agent de propreté (123456)"},
        )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trélazé Services" in body and "Propreté des Ponts" in body
    assert "Jardins de la Maine" not in body
    assert "0,0 km" in body or "0.0 km" in body
    assert "Nettoyage de locaux" in body


def test_the_directory_page_paginates_in_a_bounded_number_of_queries(
    client, team, django_assert_max_num_queries
):
    communes, _ = territory()
    for number in range(30):
        structure(communes["49007"], name=f"Structure {number:02d}", themes=["mobilite"])
    client.force_login(team.colleague)
    with django_assert_max_num_queries(16):
        response = client.get("/structures/", {"commune": "49353", "radius_km": "30"})
    assert response.status_code == 200
    assert "1 / 2" in response.content.decode()
    assert client.get("/structures/", {"commune": "49353", "page": 2}).status_code == 200


def test_the_directory_page_explains_a_wrong_radius_and_keeps_the_input(client, team):
    client.force_login(team.colleague)
    response = client.get("/structures/", {"commune": "Trélazé", "radius_km": "500"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "100 km au plus" in body
    assert 'value="Trélazé"' in body


def test_the_card_shows_what_the_structure_publishes_but_no_member(client, team):
    _, structures = territory()
    trelaze = structures["trelaze"]
    member = member_of(trelaze)
    client.force_login(team.stranger)
    response = client.get(f"/structures/{trelaze.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Note de Trélazé Services" in body and "contact@trélazé-services.fr" in body
    assert member.email not in body and trelaze.siret not in body
    assert "Orienter une personne ici" in body  # an ACI refers people too
    assert client.get(f"/structures/{structures['company'].pk}/").status_code == 404


def test_the_directory_needs_to_sign_in(client):
    response = client.get("/structures/")
    assert response.status_code == 302
