"""Reads of offers: the managed list, the public board's search by distance, and what an
employer is shown of the people introduced to it."""

from dataclasses import dataclass
from datetime import date
from math import asin, cos, radians, sin, sqrt

from django.db.models import Q

from access.policy import active_memberships
from lib.geo import EARTH_RADIUS_KM, bounding_box
from offers.models import Introduction, JobOffer, OfferInterest
from persons.models import Wish
from territories.selectors import distance_km


def offers_for_list(user, *, state: str = "", appellation=None, company=None):
    offers = JobOffer.objects.managed_by(user)
    if state:
        offers = offers.filter(state=state)
    if appellation is not None:
        offers = offers.filter(appellation=appellation)
    if company is not None:
        offers = offers.filter(company=company)
    return offers.select_related("company", "commune", "appellation", "organization").order_by(
        "-last_updated_at", "-id"
    )


# --- the public board -------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    offer: JobOffer
    distance_km: float | None = None


class BoardResults:
    """The offers found, in order, loaded a page at a time: what `Paginator` needs (a
    length and slices). With a commune, the (id, distance) pairs of the whole result are
    computed first from the coordinates alone; only the page's offers are then loaded."""

    def __init__(self, *, ranked: list[tuple[int, float]] | None = None, queryset=None):
        self._ranked = ranked
        self._queryset = queryset

    def count(self) -> int:
        if self._ranked is not None:
            return len(self._ranked)
        return self._queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self._ranked is None:
            return [Found(offer) for offer in _with_relations(self._queryset[index])]
        part = self._ranked[index]
        offers = {
            o.pk: o for o in _with_relations(JobOffer.objects.filter(pk__in=[p for p, _ in part]))
        }
        return [Found(offers[pk], distance) for pk, distance in part if pk in offers]


def _with_relations(offers):
    return offers.select_related("company", "commune", "appellation")


def board_search(
    *, commune=None, radius_km: int = 30, appellation=None, rome=None, contract_type: str = ""
) -> BoardResults:
    """Published offers, nearest first within `radius_km` of the commune (most recent
    first without a commune). The bounding box of the circle narrows the rows on the
    (state, latitude, longitude) index; the exact distance then drops the box's corners
    and orders what is left."""
    offers = JobOffer.objects.published()
    if appellation is not None:
        offers = offers.filter(appellation=appellation)
    elif rome is not None:
        offers = offers.filter(appellation__rome=rome)
    if contract_type:
        offers = offers.filter(contract_type=contract_type)
    if commune is None or commune.latitude is None:
        return BoardResults(queryset=offers.order_by("-published_at", "-id"))
    box = bounding_box(commune.latitude, commune.longitude, radius_km)
    longitudes = Q()
    for low, high in box.longitude_ranges:
        longitudes |= Q(longitude__gte=low, longitude__lte=high)
    candidates = offers.filter(
        latitude__gte=box.min_latitude, latitude__lte=box.max_latitude
    ).filter(longitudes)
    # Coordinates only, straight from the covering index, unordered (no sort in SQL).
    rows = candidates.order_by().values_list("pk", "latitude", "longitude")
    ranked = _within(commune.latitude, commune.longitude, radius_km, rows)
    # Nearest first; at the same distance (the same commune), the newest offer first.
    ranked.sort(key=lambda item: (item[1], -item[0]))
    return BoardResults(ranked=ranked)


def _within(latitude: float, longitude: float, radius_km: float, rows) -> list[tuple[int, float]]:
    """(pk, distance) of the rows within the radius: the haversine of `lib.geo`, unrolled
    with the centre's terms computed once (this loop runs over every offer in the box)."""
    phi0, lambda0 = radians(latitude), radians(longitude)
    cos_phi0 = cos(phi0)
    diameter = 2 * EARTH_RADIUS_KM
    found = []
    for pk, lat, lon in rows:
        phi = radians(lat)
        a = (
            sin((phi - phi0) / 2) ** 2
            + cos_phi0 * cos(phi) * sin((radians(lon) - lambda0) / 2) ** 2
        )
        distance = diameter * asin(sqrt(min(1.0, a)))
        if distance <= radius_km:
            found.append((pk, distance))
    return found


# --- what an employer sees of a candidate --------------------------------------------


@dataclass(frozen=True)
class Fit:
    """How a person introduced fits the offer, in the only terms an employer is shown:
    wished jobs of the offer's family, availability, reach. Never barriers or health."""

    display_name: str
    matching_wishes: tuple[str, ...]
    available_from: date | None
    max_travel_km: int | None
    distance_km: float | None

    @property
    def within_reach(self) -> bool | None:
        if self.max_travel_km is None or self.distance_km is None:
            return None
        return self.distance_km <= self.max_travel_km


def fit_of(introduction: Introduction, wishes: list | None = None) -> Fit:
    person, offer = introduction.person, introduction.offer
    if wishes is None:
        wishes = list(Wish.objects.filter(person=person).select_related("appellation"))
    matching = tuple(
        w.appellation.name for w in wishes if w.appellation.rome_id == offer.appellation.rome_id
    )
    distance = None
    if person.commune_id:
        distance = distance_km(person.commune, offer.commune)
    return Fit(
        display_name=person.display_name_for_employer,
        matching_wishes=matching,
        available_from=person.available_from,
        max_travel_km=person.max_travel_km,
        distance_km=None if distance is None else round(distance, 1),
    )


@dataclass(frozen=True)
class Candidate:
    introduction: Introduction
    fit: Fit


def candidates_for_employer(
    user, *, organization=None, offer=None, introduction=None, state: str = ""
) -> list[Candidate]:
    """The people introduced to the offers of the user's company, with their fit: two
    queries whatever the number (introductions with their offer and person, then the
    wishes of those persons)."""
    introductions = Introduction.objects.for_employer(user)
    if organization is not None:
        introductions = introductions.filter(offer__company__organization=organization)
    if offer is not None:
        introductions = introductions.filter(offer=offer)
    if introduction is not None:
        introductions = introductions.filter(pk=introduction.pk)
    if state:
        introductions = introductions.filter(state=state)
    introductions = list(
        introductions.select_related(
            "offer__appellation",
            "offer__commune",
            "offer__company",
            "person__commune",
            "introduced_by",
        ).order_by("-created_at", "-id")
    )
    wishes: dict[int, list] = {}
    for wish in Wish.objects.filter(
        person_id__in={i.person_id for i in introductions}
    ).select_related("appellation"):
        wishes.setdefault(wish.person_id, []).append(wish)
    return [Candidate(i, fit_of(i, wishes.get(i.person_id, []))) for i in introductions]


def interests_for_employer(user):
    """Interest left on the public board for the offers of the user's company, when no
    accompanying structure received it."""
    return (
        OfferInterest.objects.filter(offer__company__organization__in=_orgs(user))
        .select_related("offer", "commune")
        .order_by("-created_at", "-id")
    )


def _orgs(user) -> list[int]:
    return [m.organization_id for m in active_memberships(user)]
