import pytest

from lib.geo import haversine_km
from territories.selectors import communes_search, communes_within, distance_km
from tests.factories.territories import commune_at


def names(communes):
    return [commune.name for commune in communes]


@pytest.mark.parametrize("query", ["trelaze", "Trélazé", "TRÉLAZÉ", "  trel ", "49800"])
def test_it_finds_a_commune_whatever_the_accents_case_or_postal_code(anjou, query):
    assert "Trélazé" in names(communes_search(query))


def test_it_ranks_the_exact_name_first_then_the_most_populated(anjou):
    assert names(communes_search("angers")) == ["Angers", "Le Lion-d'Angers"]
    assert names(communes_search("49")) == [
        "Le Lion-d'Angers",
        "Angers",
        "Trélazé",
        "Les Ponts-de-Cé",
        "Saint-Barthélemy-d'Anjou",
        "Sarrigné",
    ]


def test_it_matches_any_word_of_the_name_in_any_order(anjou):
    assert names(communes_search("roses")) == ["L'Haÿ-les-Roses"]
    assert names(communes_search("les hay")) == ["L'Haÿ-les-Roses"]
    assert names(communes_search("anjou st")) == ["Saint-Barthélemy-d'Anjou"]
    # Inside a word is not a word start.
    assert communes_search("elaze") == []


def test_it_finds_postal_codes_by_prefix_and_mixed_with_words(anjou):
    assert names(communes_search("498")) == ["Trélazé", "Sarrigné"]
    assert names(communes_search("49100")) == ["Angers"]
    assert names(communes_search("sarr 498")) == ["Sarrigné"]
    assert communes_search("trelaze 49100") == []


def test_it_answers_nothing_below_two_characters(anjou):
    assert communes_search("t") == []
    assert communes_search("  ") == []
    assert communes_search("'-") == []


def test_it_limits_the_results(anjou):
    assert len(communes_search("49", limit=2)) == 2


def test_it_lists_the_communes_within_a_radius_nearest_first(anjou):
    nearby = communes_within(anjou["trelaze"], 10)

    assert names(item.commune for item in nearby) == [
        "Saint-Barthélemy-d'Anjou",
        "Les Ponts-de-Cé",
        "Angers",
        "Sarrigné",
    ]
    for item in nearby:
        assert item.distance_km == pytest.approx(distance_km(anjou["trelaze"], item.commune))
        assert item.distance_km <= 10
    assert nearby[0].distance_km == pytest.approx(2.46, abs=0.01)


def test_it_leaves_out_the_corners_of_the_bounding_box(db):
    centre = commune_at("49001", "Centre", 47.0, -0.5)
    # 0.09° north and 0.13° east: inside the 10 km box, but about 14 km away.
    corner = commune_at("49002", "Coin", 47.09, -0.37)
    inside = commune_at("49003", "Dedans", 47.05, -0.5)

    assert haversine_km(47.0, -0.5, 47.09, -0.37) > 10
    assert [item.commune for item in communes_within(centre, 10)] == [inside]
    assert corner in [item.commune for item in communes_within(centre, 20)]


def test_it_finds_neighbours_across_the_antimeridian(db):
    west = commune_at("98601", "Ouest", -14.3, -179.95)
    east = commune_at("98602", "Est", -14.3, 179.95)

    nearby = communes_within(west, 20)

    assert [item.commune for item in nearby] == [east]
    assert nearby[0].distance_km == pytest.approx(10.8, abs=0.1)


def test_it_cannot_measure_without_coordinates(db):
    lost = commune_at("49004", "Sans coordonnées", None, None)
    other = commune_at("49005", "Autre", 47.0, -0.5)

    assert distance_km(lost, other) is None
    assert communes_within(lost, 50) == []
