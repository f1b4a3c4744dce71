"""Reads of offers: the managed list, the public board's search by distance, and what an
employer is shown of the people introduced to it."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from access.policy import active_memberships
from jobs.models import Appellation
from lib.geo import bounding_box, haversine_km_sql, haversine_term_sql, haversine_term_within
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
    """The offers found, in order, a page at a time: what `Paginator` needs (a length
    and slices). The database counts them and returns only the page asked for.

    Ranked by distance, a page is one query in two steps: the inner one ranks the ids
    from the covering index alone (coordinates, contract, job: the sort never carries
    the offers' texts) and keeps the page's; the outer one loads those offers with
    their distance."""

    def __init__(self, queryset, *, centre=None):
        self._queryset = queryset
        self._centre = centre

    def count(self) -> int:
        return self._queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self._centre is None:
            return [Found(offer) for offer in _with_relations(self._queryset[index])]
        page = (
            JobOffer.objects.filter(pk__in=self._queryset[index].values("pk"))
            .annotate(
                rank=haversine_term_sql(*self._centre),
                distance_km=haversine_km_sql(*self._centre),
            )
            .order_by(*NEAREST_FIRST)
        )
        return [Found(offer, offer.distance_km) for offer in _with_relations(page)]


# Nearest first; at the same distance (the same commune), the newest offer first.
NEAREST_FIRST = ("rank", "-id")


def _with_relations(offers):
    return offers.select_related("company", "commune", "appellation")


def board_search(
    *, commune=None, radius_km: int = 30, appellation=None, rome=None, contract_type: str = ""
) -> BoardResults:
    """Published offers, nearest first within `radius_km` of the commune (most recent
    first without a commune). All in the database: the bounding box of the circle
    narrows the rows on the (state, latitude, longitude, contract, job) index; the
    haversine's term (`lib.geo.haversine_term_sql`, which grows with the exact
    great-circle distance) drops the box's corners and orders what is left; only the
    count and a page of offers come back."""
    offers = JobOffer.objects.published()
    if appellation is not None:
        offers = offers.filter(appellation=appellation)
    elif rome is not None:
        # The family's jobs as a list the database builds once, not a join per offer.
        offers = offers.filter(appellation__in=Appellation.objects.filter(rome=rome))
    if contract_type:
        offers = offers.filter(contract_type=contract_type)
    if commune is None or commune.latitude is None:
        return BoardResults(offers.order_by("-published_at", "-id"))
    centre = (commune.latitude, commune.longitude)
    box = bounding_box(*centre, radius_km)
    longitudes = Q()
    for low, high in box.longitude_ranges:
        longitudes |= Q(longitude__gte=low, longitude__lte=high)
    near = (
        offers.filter(latitude__gte=box.min_latitude, latitude__lte=box.max_latitude)
        .filter(longitudes)
        .annotate(rank=haversine_term_sql(*centre))
        .filter(rank__lte=haversine_term_within(radius_km))
    )
    return BoardResults(near.order_by(*NEAREST_FIRST), centre=centre)


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


_CANDIDATE_READS = (
    "offer_id",
    "person_id",
    "introduced_by_id",
    "comment",
    "state",
    "decline_reason",
    "created_at",
    "offer__title",
    "offer__appellation__rome_id",
    "offer__commune__latitude",
    "offer__commune__longitude",
    "person__first_name",
    "person__last_name",
    "person__anonymised_at",
    "person__available_from",
    "person__max_travel_km",
    "person__commune__latitude",
    "person__commune__longitude",
    "introduced_by__name",
)


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
            "offer__appellation", "offer__commune", "person__commune", "introduced_by"
        )
        # What the cards are built from (`fit_of`, `offers.employer_view`), nothing more:
        # an employer's page never even loads the rest of a person's record.
        .only(*_CANDIDATE_READS)
        .order_by("-created_at", "-id")
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
