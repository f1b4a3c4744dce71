import pytest

from lib.geo import haversine_km
from offers.enums import OfferState
from offers.selectors import _within, board_search
from tests.offers.helpers import angers, far_away, offer, trelaze

POINTS = [(1, 47.4784, -0.5632), (2, 44.6848, 2.8467), (3, 47.4456, -0.4657), (4, -17.5, 179.9)]


def test_the_unrolled_distance_is_the_haversine_of_lib_geo():
    found = dict(_within(47.4456, -0.4657, 20_000, POINTS))
    for pk, lat, lon in POINTS:
        assert found[pk] == pytest.approx(haversine_km(47.4456, -0.4657, lat, lon), abs=1e-9)


@pytest.mark.django_db
def test_the_board_ranks_by_distance_within_the_radius_and_counts(team):
    here = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    newer_here = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    in_angers = offer(
        team.organization, team.colleague, commune=angers(), state=OfferState.PUBLISHED
    )
    offer(team.organization, team.colleague, commune=far_away(), state=OfferState.PUBLISHED)
    offer(team.organization, team.colleague, state=OfferState.PAUSED)
    results = board_search(commune=trelaze(), radius_km=10)
    assert results.count() == 3
    found = results[0:3]
    assert [f.offer for f in found] == [newer_here, here, in_angers]
    assert found[2].distance_km == pytest.approx(8.1, abs=0.2)
    assert board_search(commune=trelaze(), radius_km=5).count() == 2
