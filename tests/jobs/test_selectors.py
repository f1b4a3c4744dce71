import pytest

from jobs.selectors import appellations_search
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory


@pytest.fixture
def appellations(db):
    care = RomeFamilyFactory(code="J1501", name="Soins d'hygiène, de confort du patient")
    for name in [
        "Aide à domicile",
        "Aide ménager / ménagère à domicile",
        "Responsable de secteur d'aide à domicile",
        "Auxiliaire de vie",
        "Boulanger / Boulangère",
        "Aide-boulanger / Aide-boulangère",
    ]:
        AppellationFactory(name=name)
    AppellationFactory(name="Aide-soignant / Aide-soignante", rome=care)


def names(appellations):
    return [appellation.name for appellation in appellations]


def test_it_matches_words_in_any_order_without_accents(appellations):
    assert names(appellations_search("domicile aide"))[0] == "Aide à domicile"
    assert names(appellations_search("menagere")) == ["Aide ménager / ménagère à domicile"]
    assert names(appellations_search("BOULANGÈRE")) == [
        "Boulanger / Boulangère",
        "Aide-boulanger / Aide-boulangère",
    ]


def test_it_requires_every_word_to_start_a_word_of_the_title(appellations):
    assert names(appellations_search("aide dom")) == [
        "Aide à domicile",
        "Aide ménager / ménagère à domicile",
        "Responsable de secteur d'aide à domicile",
    ]
    assert appellations_search("omicile") == []
    assert appellations_search("aide plombier") == []


def test_it_ranks_titles_starting_with_the_query_then_the_shortest(appellations):
    assert names(appellations_search("aide")) == [
        "Aide à domicile",
        "Aide-soignant / Aide-soignante",
        "Aide-boulanger / Aide-boulangère",
        "Aide ménager / ménagère à domicile",
        "Responsable de secteur d'aide à domicile",
    ]


def test_it_answers_nothing_below_two_characters(appellations):
    assert appellations_search("a") == []


def test_it_gives_the_rome_family(appellations):
    [found] = appellations_search("soignant")
    assert (found.rome.code, found.rome.name) == ("J1501", "Soins d'hygiène, de confort du patient")
