"""The job title search every job field suggests from: the words people type, the
common jobs first."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.search import parse
from jobs.selectors import appellations_search, family_demand
from lib.stemming import indexed, stem
from offers.enums import OfferState
from tests.jobs.referential import load_families
from tests.offers.helpers import offer

SKI = "Vendeur / Vendeuse en ski"


@pytest.fixture
def referential(db):
    load_families()


def names(found):
    return [appellation.name for appellation in found]


def test_plural_and_feminine_forms_meet_the_masculine():
    assert {stem(w) for w in ("vendeur", "vendeuse", "vendeurs", "vendeuses")} == {"vendeur"}
    assert stem("preparatrice") == stem("preparateurs") == "preparateur"
    assert stem("menagere") == stem("menager")
    assert stem("soignantes") == stem("soignant") == "soignant"


def test_a_search_column_keeps_the_words_as_written_and_reduced():
    column = indexed("Préparateur / Préparatrice de commandes")
    assert column.startswith(" ") and column.endswith(" ")
    assert {" preparatrice ", " preparateur ", " commande ", " commandes "} <= {
        f" {w} " for w in column.split()
    }
    assert " de " not in column


def test_vendeur_does_not_suggest_vendeur_en_ski_first(referential):
    found = appellations_search("vendeur", limit=5)
    assert SKI not in names(found)
    assert all(name.startswith("Vendeur / Vendeuse") for name in names(found))
    demand = family_demand({a.rome_id for a in found} | {"D1211"})
    assert demand[found[0].rome_id] > demand["D1211"]


def test_the_ski_seller_is_still_found_by_its_own_words(referential):
    assert names(appellations_search("vendeur ski"))[0] == SKI


def test_a_job_with_offers_on_the_platform_comes_first(referential, team):
    ski = appellations_search("vendeur ski")[0]
    offer(team.organization, team.colleague, appellation=ski, state=OfferState.PUBLISHED)
    assert names(appellations_search("vendeur", limit=3))[0] == SKI


def test_the_exact_title_comes_first_in_any_of_its_forms(referential):
    assert names(appellations_search("caissière"))[0] == "Caissier / Caissière"
    assert names(appellations_search("Cariste"))[0] == "Cariste"
    assert names(appellations_search("préparatrice de commandes"))[0] == (
        "Préparateur / Préparatrice de commandes"
    )


def test_accents_case_and_plurals_do_not_matter(referential):
    expected = names(appellations_search("préparateur de commandes"))
    for typed in (
        "PREPARATEUR DE COMMANDES",
        "preparateurs de commande",
        "Préparatrices commandes",
    ):
        assert names(appellations_search(typed)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("vente", "Vendeur / Vendeuse"),
        ("ménage", "propreté"),
        ("boulangerie", "Vendeur / Vendeuse en boulangerie-pâtisserie"),
        ("conditionneur", "Conditionneur / Conditionneuse main"),
        ("emballage", "Conditionneur / Conditionneuse"),
        ("femme de menage", "propreté"),
    ],
)
def test_everyday_words_find_the_jobs_they_mean(referential, typed, expected):
    assert any(expected in name for name in names(appellations_search(typed, limit=5)))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("vendeir", "Vendeur / Vendeuse"),
        ("boulengerie", "Vendeur / Vendeuse en boulangerie-pâtisserie"),
        ("preparatuer de comandes", "Préparateur / Préparatrice de commandes"),
        ("caisiere", "Caissier / Caissière"),
    ],
)
def test_a_typo_finds_the_close_words_of_the_referential(referential, typed, expected):
    assert any(expected in name for name in names(appellations_search(typed, limit=5)))


def test_a_word_no_title_starts_is_not_guessed_from_its_middle(referential):
    # « endeur » is in « vendeur »: a word is matched from its start, typos from the first
    # letter, so nothing comes of it.
    assert appellations_search("endeur") == []


def test_a_query_too_short_or_without_meaning_finds_nothing(referential):
    assert appellations_search("v") == []
    assert appellations_search("de la") == []
    assert not parse("  -- ' ")


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(typed=st.text(max_size=120))
def test_any_text_is_searched_without_error(referential, typed):
    found = appellations_search(typed, limit=5)
    assert len(found) <= 5
