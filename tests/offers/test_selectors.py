import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.geo import (
    SEARCH_RADII_KM,
    haversine_km,
    haversine_km_sql,
    haversine_term_sql,
    haversine_term_within,
)
from offers.enums import ContractType, OfferState
from offers.models import JobOffer
from offers.selectors import board_search
from territories.models import Commune
from tests.factories.territories import commune_at
from tests.offers.helpers import angers, far_away, offer, trelaze

# Coordinates as the reference data holds them, to the micro-degree (some 10 cm).
# PostgreSQL refuses a float computation that underflows to zero, which only
# differences smaller than 1e-150 degree could cause.
latitudes = st.integers(-90_000_000, 90_000_000).map(lambda n: n / 1_000_000)
longitudes = st.integers(-180_000_000, 180_000_000).map(lambda n: n / 1_000_000)
points = st.tuples(latitudes, longitudes)


@pytest.fixture
def a_row(db):
    return commune_at("49353", "Trélazé", 47.4456, -0.4657)


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(centre=points, point=points)
def test_the_database_measures_the_haversine_of_lib_geo_within_a_metre(a_row, centre, point):
    with transaction.atomic():  # a failing example must not break the next ones
        Commune.objects.filter(pk=a_row.pk).update(latitude=point[0], longitude=point[1])
        in_sql = (
            Commune.objects.filter(pk=a_row.pk)
            .annotate(d=haversine_km_sql(*centre))
            .values_list("d", flat=True)
            .get()
        )
    assert in_sql == pytest.approx(haversine_km(*centre, *point), abs=0.001)


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    centre=points,
    offset=st.tuples(st.integers(-600_000, 600_000), st.integers(-900_000, 900_000)),
    radius=st.sampled_from(SEARCH_RADII_KM),
)
def test_the_ranking_term_keeps_the_points_within_the_radius(a_row, centre, offset, radius):
    # Around the centre, so that the point falls on either side of the circle.
    point = (
        max(-90.0, min(90.0, centre[0] + offset[0] / 1_000_000)),
        centre[1] + offset[1] / 1_000_000,
    )
    with transaction.atomic():
        Commune.objects.filter(pk=a_row.pk).update(latitude=point[0], longitude=point[1])
        kept = (
            Commune.objects.filter(pk=a_row.pk)
            .annotate(a=haversine_term_sql(*centre))
            .filter(a__lte=haversine_term_within(radius))
            .exists()
        )
    assert kept == (haversine_km(*centre, *point) <= radius)


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
