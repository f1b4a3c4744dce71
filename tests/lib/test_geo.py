import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.geo import EARTH_RADIUS_KM, bounding_box, haversine_km

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
points = st.tuples(latitudes, longitudes)


def test_it_measures_known_distances():
    # Paris (Notre-Dame) – Lyon (Bellecour): about 392 km as the crow flies.
    assert haversine_km(48.8530, 2.3499, 45.7578, 4.8320) == pytest.approx(392, abs=2)
    # A quarter of the equator.
    assert haversine_km(0, 0, 0, 90) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2)


@given(points, points)
def test_it_is_symmetric(a, b):
    assert haversine_km(*a, *b) == pytest.approx(haversine_km(*b, *a), abs=1e-6)


@given(points)
def test_it_is_zero_between_a_point_and_itself(a):
    assert haversine_km(*a, *a) == pytest.approx(0, abs=1e-6)


@given(points, points, points)
def test_it_respects_the_triangle_inequality(a, b, c):
    assert haversine_km(*a, *c) <= haversine_km(*a, *b) + haversine_km(*b, *c) + 1e-6


@given(points, points)
def test_it_never_exceeds_half_the_circumference(a, b):
    assert 0 <= haversine_km(*a, *b) <= math.pi * EARTH_RADIUS_KM + 1e-6


def _destination(lat, lon, bearing_deg, distance_km):
    """The point reached from (lat, lon) going `distance_km` along a bearing."""
    phi, lam, theta = map(math.radians, (lat, lon, bearing_deg))
    delta = distance_km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180


@given(
    st.floats(min_value=-80, max_value=80),
    longitudes,
    st.floats(min_value=0, max_value=360),
    st.floats(min_value=0.5, max_value=200),
    st.floats(min_value=0, max_value=0.999),
)
def test_its_bounding_box_holds_every_point_within_the_radius(lat, lon, bearing, radius, share):
    point = _destination(lat, lon, bearing, radius * share)

    assert bounding_box(lat, lon, radius).contains(*point)


def test_its_bounding_box_wraps_around_the_antimeridian():
    box = bounding_box(-14.3, -179.5, 100)

    assert len(box.longitude_ranges) == 2
    assert box.contains(-14.3, 179.9)
    assert not box.contains(-14.3, 170)
