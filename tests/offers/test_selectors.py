from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lib.geo import (
    SEARCH_RADII_KM,
    haversine_km,
    squared_chord_sql,
    squared_chord_within,
    unit_vector,
)
from offers import selectors
from offers.enums import ContractType, OfferState
from offers.models import JobOffer
from offers.selectors import board_search
from territories.models import Commune
from tests.factories.jobs import AppellationFactory
from tests.factories.territories import commune_at
from tests.offers.helpers import angers, far_away, offer, trelaze

# Coordinates as the reference data holds them, to the micro-degree (some 10 cm).
latitudes = st.integers(-90_000_000, 90_000_000).map(lambda n: n / 1_000_000)
longitudes = st.integers(-180_000_000, 180_000_000).map(lambda n: n / 1_000_000)
points = st.tuples(latitudes, longitudes)
# Up to some 45 km north or south and 65 km east or west (at the equator) of a centre:
# on both sides of every radius the board offers.
offsets = st.tuples(st.integers(-400_000, 400_000), st.integers(-600_000, 600_000))


def _near(centre, offset) -> tuple[float, float]:
    """The point `offset` micro-degrees from `centre`, on the globe."""
    latitude = max(-90.0, min(90.0, round(centre[0] + offset[0] / 1_000_000, 6)))
    longitude = round((centre[1] + offset[1] / 1_000_000 + 180) % 360 - 180, 6)
    return latitude, longitude


def _move(offers, places) -> None:
    """Put the offers at these places, as `offers.services` would have."""
    for made, (latitude, longitude) in zip(offers, places, strict=True):
        made.latitude, made.longitude = latitude, longitude
        made.unit_x, made.unit_y, made.unit_z = unit_vector(latitude, longitude)
    JobOffer.objects.bulk_update(offers, ["latitude", "longitude", "unit_x", "unit_y", "unit_z"])


@pytest.fixture
def a_row(team):
    return offer(team.organization, team.colleague)


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(centre=points, point=points)
def test_the_database_measures_the_squared_chord_as_python_does(a_row, centre, point):
    with transaction.atomic():  # a failing example must not break the next ones
        _move([a_row], [point])
        in_sql = (
            JobOffer.objects.filter(pk=a_row.pk)
            .annotate(chord=squared_chord_sql(*centre))
            .values_list("chord", flat=True)
            .get()
        )
    ours, theirs = unit_vector(*centre), unit_vector(*point)
    assert in_sql == sum((a - b) * (a - b) for a, b in zip(theirs, ours, strict=True))


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(centre=points, offset=offsets, radius=st.sampled_from(SEARCH_RADII_KM))
def test_the_squared_chord_keeps_the_points_within_the_radius(a_row, centre, offset, radius):
    point = _near(centre, offset)
    with transaction.atomic():
        _move([a_row], [point])
        kept = (
            JobOffer.objects.filter(pk=a_row.pk)
            .annotate(chord=squared_chord_sql(*centre))
            .filter(chord__lte=squared_chord_within(radius))
            .exists()
        )
    assert kept == (haversine_km(*centre, *point) <= radius)


BOARD_OFFERS = 10


@pytest.fixture
def board_offers(team):
    """Published offers of two jobs and two contracts, to be moved around."""
    other_job = AppellationFactory(name="Agent / Agente de propreté")
    return [
        offer(
            team.organization,
            team.colleague,
            state=OfferState.PUBLISHED,
            **({"appellation": other_job} if n % 3 == 0 else {}),
            **({"contract_type": ContractType.CDI, "duration_months": None} if n % 2 else {}),
        )
        for n in range(BOARD_OFFERS)
    ]


@pytest.mark.django_db
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=150
)
@given(
    centre=points,
    places=st.lists(offsets, min_size=1, max_size=5),
    placing=st.lists(st.integers(0, 4), min_size=BOARD_OFFERS, max_size=BOARD_OFFERS),
    radius=st.sampled_from(SEARCH_RADII_KM),
    contract=st.sampled_from(["", ContractType.CDI]),
    start=st.integers(0, BOARD_OFFERS),
    size=st.integers(1, BOARD_OFFERS),
    inner_circle_pages=st.sampled_from([1, 2, selectors.INNER_CIRCLE_PAGES]),
)
def test_the_board_finds_counts_and_orders_as_a_plain_python_haversine(
    board_offers, centre, places, placing, radius, contract, start, size, inner_circle_pages
):
    """Whatever the places, the radius, the filter and the page: the offers a Python
    loop over every offer keeps by `haversine_km`, nearest first, the newest first at
    the same place. The inner circle is made small enough to hold the page or not."""
    spots = [_near(centre, offset) for offset in places]
    distances = {spot: haversine_km(*centre, *spot) for spot in spots}
    # Rounding may order two places at the same distance to a nanometre either way,
    # and judge a place on the circle to a nanometre either way (`lib.geo`).
    assume(all(abs(d - radius) > 1e-9 for d in distances.values()))
    assume(
        all(abs(distances[a] - distances[b]) > 1e-9 for a in distances for b in distances if a != b)
    )
    placed = [spots[n % len(spots)] for n in placing]
    expected = sorted(
        (distances[spot], -made.pk, made.pk)
        for made, spot in zip(board_offers, placed, strict=True)
        if distances[spot] <= radius and contract in ("", made.contract_type)
    )
    with (
        transaction.atomic(),
        mock.patch.object(selectors, "INNER_CIRCLE_PAGES", inner_circle_pages),
    ):
        _move(board_offers, placed)
        results = board_search(
            commune=Commune(latitude=centre[0], longitude=centre[1]),
            radius_km=radius,
            contract_type=contract,
        )
        count = results.count()
        page = results[start : start + size]
    assert count == len(expected)
    assert [found.offer.pk for found in page] == [pk for *_, pk in expected[start : start + size]]
    for found, (distance, *_) in zip(page, expected[start : start + size], strict=True):
        assert found.distance_km == pytest.approx(distance, abs=1e-9)


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


_CDI = {"contract_type": ContractType.CDI, "duration_months": None}


def _placed(team, commune, **data):
    return offer(
        team.organization, team.colleague, commune=commune, state=OfferState.PUBLISHED, **data
    )


def _python_ranking(centre, radius_km, offers):
    """What the board returned when it ranked in Python: (distance, newest first)."""
    ranked = [
        (haversine_km(centre.latitude, centre.longitude, o.latitude, o.longitude), -o.pk, o.pk)
        for o in offers
    ]
    return [(pk, d) for d, _, pk in sorted(r for r in ranked if r[0] <= radius_km)]


@pytest.mark.django_db
def test_the_board_ranks_and_counts_as_the_python_ranking_did(team):
    centre = trelaze()
    # Around Trélazé at growing distances, twice at some places, one across the radius.
    places = [
        commune_at(f"49{n:03d}", f"Lieu {n}", 47.4456 + n * 0.011, -0.4657 + n * 0.017)
        for n in range(1, 16)
    ]
    for n, place in enumerate(places):
        _placed(team, place, **(_CDI if n % 3 else {}))
        if n % 4 == 0:
            _placed(team, place)
    everything = list(JobOffer.objects.published())
    for radius in (5, 10, 20, 30):
        results = board_search(commune=centre, radius_km=radius)
        expected = _python_ranking(centre, radius, everything)
        found = results[0 : len(expected) + 5]
        assert results.count() == len(expected)
        assert [f.offer.pk for f in found] == [pk for pk, _ in expected]
        for f, (_, distance) in zip(found, expected, strict=True):
            assert f.distance_km == pytest.approx(distance, abs=1e-9)
    cdi = board_search(commune=centre, radius_km=30, contract_type=ContractType.CDI)
    assert {f.offer.contract_type for f in cdi[0:50]} == {ContractType.CDI}


@pytest.mark.django_db
def test_the_board_pages_in_the_database_without_loading_the_rest(team):
    centre = trelaze()
    made = [_placed(team, centre) for _ in range(7)]
    results = board_search(commune=centre, radius_km=10)
    with CaptureQueriesContext(connection) as queries:
        assert results.count() == 7
        second_page = results[3:6]
    assert [f.offer for f in second_page] == list(reversed(made))[3:6]
    page_query = queries.captured_queries[-1]["sql"].upper()
    assert "LIMIT" in page_query and "ORDER BY" in page_query
    assert "COUNT(" in queries.captured_queries[0]["sql"].upper()


@pytest.mark.django_db
def test_the_board_finds_offers_across_the_antimeridian(team):
    east = commune_at("98611", "Alo", -14.3, 179.95)
    west = commune_at("98612", "Au-delà", -14.3, -179.95)
    here = _placed(team, east)
    there = _placed(team, west)
    found = board_search(commune=east, radius_km=20)[0:5]
    assert [f.offer for f in found] == [here, there]
    assert found[1].distance_km == pytest.approx(haversine_km(-14.3, 179.95, -14.3, -179.95))


@pytest.mark.django_db
def test_a_page_the_inner_circle_holds_is_ranked_there_alone(team):
    centre = trelaze()
    here = [_placed(team, centre) for _ in range(3)]
    _placed(team, angers())
    results = board_search(commune=centre, radius_km=30)
    assert results.count() == 4
    with (
        mock.patch.object(selectors, "INNER_CIRCLE_PAGES", 1),
        CaptureQueriesContext(connection) as queries,
    ):
        found = results[0:2]
    assert [f.offer for f in found] == [here[2], here[1]]
    assert len(queries) == 1


@pytest.mark.django_db
def test_a_page_beyond_the_inner_circle_is_ranked_in_the_whole_circle(team):
    centre = trelaze()
    # None near the centre: every offer is some 25 km away, beyond the inner circle
    # (30 km × √(2 / 4), some 21 km, for the second page of one).
    away = [
        _placed(team, commune_at(f"49{n:03d}", f"Loin {n}", 47.4456 + 0.22 + n * 0.001, -0.4657))
        for n in range(4)
    ]
    results = board_search(commune=centre, radius_km=30)
    assert results.count() == 4
    with (
        mock.patch.object(selectors, "INNER_CIRCLE_PAGES", 1),
        CaptureQueriesContext(connection) as queries,
    ):
        found = results[1:2]
    assert [f.offer for f in found] == [away[1]]
    assert len(queries) == 2
