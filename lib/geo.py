"""Great-circle geometry on the WGS-84 coordinates of the reference data.

Haversine distance between commune centres is the accepted first approximation of how far
a person lives from a place (it is what the national platforms use for radius search).
"""

import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

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


def haversine_km_sql(latitude: float, longitude: float, *, fields=("latitude", "longitude")):
    """`haversine_km` from a fixed centre to the coordinates of each row, as a database
    expression: the same formula, term for term, so a row is ranked and kept or dropped
    in SQL exactly as the Python function would. The centre's terms are computed here
    once. Trigonometry is SQL's own on PostgreSQL and on SQLite built with its math
    functions (as Python's is); on a SQLite without them, Django registers the Python
    `math` functions as deterministic SQL functions on every new connection."""
    row_latitude, row_longitude = (F(name) for name in fields)
    phi1 = math.radians(latitude)

    def number(value: float):
        return Value(value, output_field=FloatField())

    d_phi = Radians(row_latitude) - number(phi1)
    d_lambda = Radians(row_longitude - number(longitude))
    a = Power(Sin(d_phi / number(2.0)), 2) + number(math.cos(phi1)) * Cos(
        Radians(row_latitude)
    ) * Power(Sin(d_lambda / number(2.0)), 2)
    return number(2 * EARTH_RADIUS_KM) * ASin(Sqrt(Least(number(1.0), a)))


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
