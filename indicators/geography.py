"""The territory's map: the people accompanied and the offers published over the period,
by commune (the person's commune of residence, the offer's place of work), counted as
« Résultats » counts them (`people.accompanied`, `offers.published`) and hidden under 5
people in a view across organizations. Read-only, as the rest of `indicators`.

    places = commune_figures(scope, period)  # [Place(code, name, latitude, longitude, …)]
    drawing = map_points(places)  # the points of an SVG, in a 100 × 100 box"""

from dataclasses import dataclass
from math import cos, radians

from django.db.models import Count, Q

from indicators.bounds import at_instants
from indicators.catalogue import Figure, Unit
from indicators.employers import offers_of
from indicators.people import pathways_of
from indicators.periods import Period
from indicators.scopes import Scope
from indicators.suppression import is_hidden, shown
from territories.models import Commune

UNKNOWN_COMMUNE = "Commune non renseignée"


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    latitude: float | None
    longitude: float | None
    people: Figure
    offers: Figure
    across_organizations: bool

    @property
    def people_shown(self) -> str:
        return shown(self.people, Unit.PEOPLE, across_organizations=self.across_organizations)

    @property
    def offers_shown(self) -> str:
        return shown(self.offers, Unit.PLAIN, across_organizations=self.across_organizations)

    @property
    def people_hidden(self) -> bool:
        return is_hidden(self.people, Unit.PEOPLE, across_organizations=self.across_organizations)


def _people_by_commune(scope: Scope, period: Period) -> dict[str | None, int]:
    overlaps = Q(started_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )
    rows = (
        pathways_of(scope)
        .filter(overlaps)
        .values_list("person__commune_id")
        .annotate(n=Count("person_id", distinct=True))
    )
    return dict(rows)


def _offers_by_commune(scope: Scope, period: Period) -> dict[str | None, int]:
    rows = (
        offers_of(scope)
        .filter(at_instants("published_at", period))
        .values_list("commune_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def commune_figures(scope: Scope, period: Period) -> list[Place]:
    """Every commune with someone accompanied or an offer published over the period,
    the most people first; the people whose commune is not known in one last row."""
    people = _people_by_commune(scope, period)
    offers = _offers_by_commune(scope, period)
    codes = {code for code in (*people, *offers) if code is not None}
    communes = Commune.objects.filter(code__in=codes).only("code", "name", "latitude", "longitude")
    across = scope.across_organizations
    places = [
        Place(
            commune.code,
            commune.name,
            commune.latitude,
            commune.longitude,
            Figure.count(people.get(commune.code, 0)),
            Figure(offers.get(commune.code, 0)),
            across,
        )
        for commune in communes
    ]
    places.sort(
        key=lambda place: (-people.get(place.code, 0), -offers.get(place.code, 0), place.name)
    )
    if people.get(None):
        places.append(
            Place("", UNKNOWN_COMMUNE, None, None, Figure.count(people[None]), Figure(0), across)
        )
    return places


@dataclass(frozen=True)
class Point:
    place: Place
    x: float
    y: float
    radius: float

    @property
    def label_on_left(self) -> bool:
        """A point in the right third is named on its left, inside the drawing."""
        return self.x > 66

    @property
    def label_x(self) -> float:
        return self.x - self.radius - 1 if self.label_on_left else self.x + self.radius + 1

    @property
    def diamond(self) -> str:
        """The SVG points of the offers' mark: a small diamond centred on the commune."""
        x, y, d = self.x, self.y, 1.1
        return f"{x:.2f},{y - d:.2f} {x + d:.2f},{y:.2f} {x:.2f},{y + d:.2f} {x - d:.2f},{y:.2f}"


def map_points(places: list[Place], *, size: float = 100, margin: float = 8) -> list[Point]:
    """The places with coordinates, projected into a `size` square (longitudes shrunk by
    the cosine of the middle latitude, north up). A point's area grows with its people
    (a hidden figure draws the smallest point: its size must not tell it)."""
    located = [p for p in places if p.latitude is not None and p.longitude is not None]
    if not located:
        return []
    middle = radians(sum(p.latitude for p in located) / len(located))
    xs = [p.longitude * cos(middle) for p in located]
    ys = [p.latitude for p in located]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = (size - 2 * margin) / span
    largest = max((p.people.value or 0 for p in located if not p.people_hidden), default=0)
    points = []
    for place, x, y in zip(located, xs, ys, strict=True):
        people = 0 if place.people_hidden else (place.people.value or 0)
        radius = 1.2 + (3.3 * (people / largest) ** 0.5 if largest else 0)
        points.append(
            Point(
                place,
                round(margin + (x - min(xs)) * scale, 2),
                round(size - margin - (y - min(ys)) * scale, 2),
                round(radius, 2),
            )
        )
    return points
