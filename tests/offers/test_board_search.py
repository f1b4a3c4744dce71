"""The public board and its API search the words people type: free text over the
offers' title, text, job and family, with synonyms; the commune and radius kept, and
« élargir » when nothing is near."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.models import Appellation
from offers.enums import OfferState
from offers.selectors import board_search
from tests.factories.territories import commune_at
from tests.jobs.referential import load_families
from tests.offers.helpers import far_away, offer

pytestmark = pytest.mark.django_db

# What people typed on the board, and the job of the offer they were looking for.
SIX_WORDS = {
    "vendeur": "20560",  # Vendeur / Vendeuse en boulangerie-pâtisserie
    "vente": "20560",
    "boulangerie": "20560",
    "ménage": "10571",  # Agent / Agente de propreté de locaux
    "préparateur de commandes": "17993",
    "conditionneur": "12848",  # Conditionneur / Conditionneuse main
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def board(team):
    load_families()
    made = {}
    for code in sorted(set(SIX_WORDS.values())):
        made[code] = offer(
            team.organization,
            team.colleague,
            appellation=Appellation.objects.get(pk=code),
            state=OfferState.PUBLISHED,
            tasks="Travailler en équipe\nRespecter les consignes",
        )
    return made


def _listed(response, made) -> bool:
    return reverse("public_offer_detail", args=[made.pk]) in response.content.decode()


@pytest.mark.parametrize("typed", list(SIX_WORDS))
def test_the_six_words_find_their_offers_on_the_board(client, board, typed):
    response = client.get(reverse("public_offer_list"), {"metier": typed})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Plusieurs métiers correspondent" not in body
    assert "Aucune offre" not in body
    assert _listed(response, board[SIX_WORDS[typed]])


@pytest.mark.parametrize("typed", list(SIX_WORDS))
def test_the_six_words_find_their_offers_in_the_public_api(client, board, typed):
    response = client.get("/api/v1/public/offers", {"q": typed})
    assert response.status_code == 200
    assert board[SIX_WORDS[typed]].pk in [item["id"] for item in response.json()["items"]]


def test_the_board_search_ignores_accents_and_case(board):
    found = {f.offer.pk for f in board_search(text="ménage")[:25]}
    assert found == {f.offer.pk for f in board_search(text="MENAGE")[:25]}
    assert board["10571"].pk in found


def test_a_word_that_finds_nothing_finds_nothing(client, board):
    response = client.get(reverse("public_offer_list"), {"metier": "astronaute"})
    assert "Aucune offre publiée ne correspond à cette recherche" in response.content.decode()


def test_offers_whose_heading_has_the_words_come_first(team, board):
    # A cleaning offer that mentions the bakery in its missions comes after the bakery's.
    board_only_in_text = offer(
        team.organization,
        team.colleague,
        appellation=Appellation.objects.get(pk="10571"),
        state=OfferState.PUBLISHED,
        tasks="Nettoyer la boulangerie du centre commercial",
    )
    found = [f.offer.pk for f in board_search(text="boulangerie")[:25]]
    assert found.index(board["20560"].pk) < found.index(board_only_in_text.pk)


def test_the_suggestion_of_a_job_still_filters_on_that_job(client, board):
    label = "Conditionneur / Conditionneuse main (12848)"
    response = client.get(reverse("public_offer_list"), {"metier": label})
    assert _listed(response, board["12848"])
    assert not _listed(response, board["20560"])


def test_the_commune_and_radius_filter_the_words(client, board):
    search = {"metier": "vendeur", "commune": "Laguiole (12164)", "rayon": "30"}
    far_away()
    response = client.get(reverse("public_offer_list"), search)
    assert not _listed(response, board["20560"])


def test_nothing_near_offers_to_widen_to_50_km(client, team, board):
    # Saumur is some 36 km from Trélazé, where the board's offers are.
    commune_at("49328", "Saumur", 47.2600, -0.0769)
    response = client.get(
        reverse("public_offer_list"), {"metier": "vendeur", "commune": "49328", "rayon": "20"}
    )
    body = response.content.decode()
    assert "Aucune offre à moins de 20 km de Saumur ; 1 offre à moins de 50 km." in body
    assert "Élargir à 50 km" in body and "rayon=50" in body
    wider = client.get(
        reverse("public_offer_list"), {"metier": "vendeur", "commune": "49328", "rayon": "50"}
    )
    assert _listed(wider, board["20560"])


def test_nothing_within_50_km_points_to_the_whole_country(client, board):
    far_away()
    response = client.get(
        reverse("public_offer_list"), {"metier": "ménage", "commune": "12164", "rayon": "10"}
    )
    body = response.content.decode()
    assert "Aucune offre à moins de 50 km de Laguiole ; 1 offre plus loin." in body
    assert "Voir les offres de toute la France" in body


def test_the_job_api_does_not_suggest_vendeur_en_ski_first(client, bearer, board):
    response = client.get("/api/v1/appellations", {"q": "vendeur"}, headers=bearer())
    assert response.status_code == 200
    assert response.json()[0]["name"] != "Vendeur / Vendeuse en ski"


def test_the_public_job_suggestions_rank_common_jobs_first(client, board):
    options = client.get(reverse("public_job_options"), {"metier": "vendeur"}).content.decode()
    assert "Vendeur / Vendeuse en ski" not in options.split("</option>")[0]
    assert "Vendeur / Vendeuse en boulangerie-pâtisserie (20560)" in options


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=60
)
@given(typed=st.text(max_size=300))
def test_the_board_never_fails_on_any_text(client, board, typed):
    cache.clear()
    response = client.get(reverse("public_offer_list"), {"metier": typed})
    assert response.status_code in (200, 400)
    api = client.get("/api/v1/public/offers", {"q": typed})
    assert api.status_code in (200, 400, 422)
