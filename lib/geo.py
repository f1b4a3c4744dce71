"""Great-circle geometry on the WGS-84 coordinates of the reference data.

Haversine distance between commune centres is the accepted first approximation of how far
a person lives from a place (it is what the national platforms use for radius search).
"""

import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Expression, F, FloatField

# Mean Earth radius (IUGG); the error against the ellipsoid stays under 0.5 %.
EARTH_RADIUS_KM = 6371.0088

# The radii a person may choose in every « around this commune » search.
SEARCH_RADII_KM = (5, 10, 20, 30, 50)


def check_search_radius(km: int) -> None:
    """Refuse a radius the searches do not offer, with a French message."""
    if km not in SEARCH_RADII_KM:
        raise ValidationError(f"Rayon possible : {', '.join(map(str, SEARCH_RADII_KM))} km.")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    # Rounding can push `a` a hair above 1 for antipodes; asin would then fail.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


# What `math.radians` multiplies by: the SQL below converts degrees the same way.
_RADIANS_PER_DEGREE = math.pi / 180


class _Haversine(Expression):
    """`haversine_km` (or its `a`) from a fixed centre to each row's coordinates, in SQL:
    sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2), term for term and in the order Python
    computes it (the centre's terms once, here), so the database gets the values
    Python would. Written as one SQL template rather than a tree of Django functions:
    the board builds it for every search, and the tree cost more to compile than the
    database took to run it.

    The trigonometry is SQL's own on PostgreSQL and on SQLite built with its math
    functions; on a SQLite without them, Django registers Python's `math` functions as
    deterministic SQL functions on every new connection."""

    output_field = FloatField()

    def __init__(self, latitude: float, longitude: float, fields, *, as_distance: bool):
        super().__init__()
        self.centre = (latitude, longitude)
        self.as_distance = as_distance
        self.columns = [F(name) if isinstance(name, str) else name for name in fields]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, expressions):
        self.columns = list(expressions)

    def as_sql(self, compiler, connection, least: str = "LEAST"):
        (lat, lat_params), (lon, lon_params) = (compiler.compile(c) for c in self.columns)
        phi1 = math.radians(self.centre[0])
        term = (
            f"(POWER(SIN((({lat} * %s) - %s) / 2.0), 2)"
            f" + ((%s * COS({lat} * %s)) * POWER(SIN((({lon} - %s) * %s) / 2.0), 2)))"
        )
        params = [
            *lat_params,
            _RADIANS_PER_DEGREE,
            phi1,
            math.cos(phi1),
            *lat_params,
            _RADIANS_PER_DEGREE,
            *lon_params,
            self.centre[1],
            _RADIANS_PER_DEGREE,
        ]
        if not self.as_distance:
            return term, params
        # Rounding can push `a` a hair above 1 for antipodes; ASIN would then fail.
        return f"(%s * ASIN(SQRT({least}(1.0, {term}))))", [2 * EARTH_RADIUS_KM, *params]

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, least="MIN")


def haversine_term_sql(latitude: float, longitude: float, *, fields=("latitude", "longitude")):
    """The `a` of `haversine_km` as a database expression. The distance grows with it:
    ordering and filtering rows by it (`haversine_term_within`) is ordering and
    filtering them by distance, for five SQL functions a row instead of eight."""
    return _Haversine(latitude, longitude, fields, as_distance=False)


def haversine_km_sql(latitude: float, longitude: float, *, fields=("latitude", "longitude")):
    """`haversine_km` from a fixed centre to each row's coordinates, in SQL."""
    return _Haversine(latitude, longitude, fields, as_distance=True)


def haversine_term_within(radius_km: float) -> float:
    """The largest `a` of a point within `radius_km`: d ≤ r exactly when a ≤ sin²(r/2R).
    Only a point within a nanometre or so of the circle could be judged otherwise than
    by comparing `haversine_km` with the radius (floating-point rounding)."""
    return math.sin(min(radius_km / (2 * EARTH_RADIUS_KM), math.pi / 2)) ** 2


@dataclass(frozen=True)
class BoundingBox:
    """Latitude/longitude rectangle that contains a circle. `longitude_ranges` has two
    parts when the circle crosses the antimeridian (Wallis-et-Futuna is close to it)."""

    min_latitude: float
    max_latitude: float
    longitude_ranges: tuple[tuple[float, float], ...]

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.min_latitude <= latitude <= self.max_latitude and any(
            low <= longitude <= high for low, high in self.longitude_ranges
        )


def bounding_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    """The smallest rectangle holding every point within `radius_km` of the centre
    (J. Matuschek's method: the longitude span widens with the latitude, up to the
    whole circle when a pole is inside the radius)."""
    angular = radius_km / EARTH_RADIUS_KM
    lat = math.radians(latitude)
    min_lat, max_lat = lat - angular, lat + angular
    if min_lat <= -math.pi / 2 or max_lat >= math.pi / 2:
        return BoundingBox(
            math.degrees(max(min_lat, -math.pi / 2)),
            math.degrees(min(max_lat, math.pi / 2)),
            ((-180.0, 180.0),),
        )
    ratio = math.sin(angular) / math.cos(lat)
    if ratio >= 1:
        return BoundingBox(math.degrees(min_lat), math.degrees(max_lat), ((-180.0, 180.0),))
    d_lon = math.degrees(math.asin(ratio))
    low, high = longitude - d_lon, longitude + d_lon
    if low < -180:
        ranges = ((low + 360, 180.0), (-180.0, high))
    elif high > 180:
        ranges = ((low, 180.0), (-180.0, high - 360))
    else:
        ranges = ((low, high),)
    return BoundingBox(math.degrees(min_lat), math.degrees(max_lat), ranges)
