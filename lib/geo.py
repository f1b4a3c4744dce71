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
    """The great-circle distance. Written as the arctangent of the cross and dot products
    (the spherical case of Vincenty's formula) rather than haversine's arcsine, whose
    rounding near antipodes is large enough to break the triangle inequality."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_lambda = math.radians(lon2 - lon1)
    cos_phi1, sin_phi1 = math.cos(phi1), math.sin(phi1)
    cos_phi2, sin_phi2 = math.cos(phi2), math.sin(phi2)
    cross = math.hypot(
        cos_phi2 * math.sin(d_lambda),
        cos_phi1 * sin_phi2 - sin_phi1 * cos_phi2 * math.cos(d_lambda),
    )
    dot = sin_phi1 * sin_phi2 + cos_phi1 * cos_phi2 * math.cos(d_lambda)
    return EARTH_RADIUS_KM * math.atan2(cross, dot)


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    """The point on the unit sphere (x towards longitude 0 on the equator, y towards
    90° east, z towards the North Pole). Stored beside a row's latitude and longitude,
    it lets the database measure distances without trigonometry (`squared_chord_sql`)."""
    phi, lam = math.radians(latitude), math.radians(longitude)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def squared_chord_within(radius_km: float) -> float:
    """The largest squared chord of a point within `radius_km`. The straight line
    through the sphere between two points is 2·sin(d/2R) for the great-circle distance
    d, which it grows with: d ≤ r exactly when chord² ≤ (2·sin(r/2R))². Only a point
    within a nanometre or so of the circle could be judged otherwise than by comparing
    `haversine_km` with the radius (floating-point rounding)."""
    return (2 * math.sin(min(radius_km / (2 * EARTH_RADIUS_KM), math.pi / 2))) ** 2


class _SquaredChord(Expression):
    """(x − x0)² + (y − y0)² + (z − z0)² from a fixed centre to each row's unit vector:
    three subtractions, three products and two sums a row, plain arithmetic that
    every database runs without a function call (the haversine took eight calls to
    SIN, COS and POWER). Written as one SQL template rather than a tree of Django
    expressions: the board builds it for every search."""

    output_field = FloatField()

    def __init__(self, latitude: float, longitude: float, fields):
        super().__init__()
        self.centre = unit_vector(latitude, longitude)
        self.columns = [F(name) if isinstance(name, str) else name for name in fields]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, expressions):
        self.columns = list(expressions)

    def as_sql(self, compiler, connection):
        terms, params = [], []
        for column, value in zip(self.columns, self.centre, strict=True):
            sql, column_params = compiler.compile(column)
            terms.append(f"(({sql} - %s) * ({sql} - %s))")
            params += [*column_params, value, *column_params, value]
        return f"({' + '.join(terms)})", params


def squared_chord_sql(latitude: float, longitude: float, *, fields=("unit_x", "unit_y", "unit_z")):
    """The squared chord from a centre to each row's stored unit vector, as a database
    expression: ordering and filtering by it (`squared_chord_within`) is ordering and
    filtering by great-circle distance."""
    return _SquaredChord(latitude, longitude, fields)


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
