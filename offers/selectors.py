"""Reads of offers: the managed list, the public board's search by distance, and what an
employer is shown of the people introduced to it."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from companies.models import Company
from jobs.models import Appellation
from lib.geo import bounding_box, haversine_km, squared_chord_sql, squared_chord_within
from matching.fit import Fit, fit_of
from offers.models import Introduction, JobOffer, OfferInterest
from offers.search import matching_text
from offers.state_machine import EMPLOYER_ANSWERS, OPEN_INTRODUCTION_STATES
from persons.models import Wish


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


def managed_companies(user):
    """The companies of the offers the user manages (`offers_for_list`): what the list's
    « Entreprise » filter accepts and suggests."""
    return Company.objects.filter(pk__in=JobOffer.objects.managed_by(user).values("company_id"))


# --- the public board -------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    offer: JobOffer
    distance_km: float | None = None


class BoardResults:
    """The offers found, in order, a page at a time: what `Paginator` needs (a length
    and slices). The database counts them and returns only the page asked for, in
    one query: it ranks the ids on the covering index alone (the sort never carries
    the offers' texts) and loads the page's offers.

    Ranked by distance, the page is first looked for in a smaller circle, sized from
    the count so that it should hold several pages' worth of offers: if it holds the
    page, the page is the same as in the whole circle (every offer outside it is
    farther) for a fraction of the sort. Otherwise (offers far from the centre) the
    whole circle is ranked again."""

    def __init__(self, offers, *, centre=None, radius_km: float = 0):
        self._offers = offers
        self._centre = centre
        self._radius_km = radius_km
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            if self._centre is None:
                self._count = self._offers.count()
            else:
                self._count = self._within(self._radius_km).count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self._centre is None:
            return [Found(offer) for offer in _shown(self._offers[index])]
        start, stop, _ = index.indices(self.count())
        radius = self._inner_radius(stop)
        found = self._page(radius, start, stop)
        if len(found) < stop - start and radius < self._radius_km:
            found = self._page(self._radius_km, start, stop)
        return found

    def _within(self, radius_km: float):
        """The offers within `radius_km`, nearest first (the newest first at the same
        distance): the bounding box on the index, then the squared chord."""
        box = bounding_box(*self._centre, radius_km)
        longitudes = Q()
        for low, high in box.longitude_ranges:
            longitudes |= Q(longitude__gte=low, longitude__lte=high)
        return (
            self._offers.filter(latitude__gte=box.min_latitude, latitude__lte=box.max_latitude)
            .filter(longitudes)
            .annotate(rank=squared_chord_sql(*self._centre))
            .filter(rank__lte=squared_chord_within(radius_km))
            .order_by(*NEAREST_FIRST)
        )

    def _inner_radius(self, stop: int) -> float:
        """The circle that would hold INNER_CIRCLE_PAGES times the offers up to `stop`
        if they were spread evenly over the search's circle. Searches start where
        people live, where offers are denser than on average around them."""
        if not self.count() or stop * INNER_CIRCLE_PAGES >= self.count():
            return self._radius_km
        return self._radius_km * math.sqrt(stop * INNER_CIRCLE_PAGES / self.count())

    def _page(self, radius_km: float, start: int, stop: int) -> list[Found]:
        page = (
            JobOffer.objects.filter(pk__in=self._within(radius_km).values("pk")[start:stop])
            .annotate(rank=squared_chord_sql(*self._centre))
            .order_by(*NEAREST_FIRST)
        )
        return [
            Found(offer, haversine_km(*self._centre, offer.latitude, offer.longitude))
            for offer in _shown(page)
        ]


# Nearest first; at the same distance (the same commune), the newest offer first.
NEAREST_FIRST = ("rank", "-id")
# How many times the offers up to the page asked for the inner circle should hold.
INNER_CIRCLE_PAGES = 8


# What the board and the public API show of an offer: loaded alone, the page's offers
# cost half the time to build (a query per offer and field if one is missing here: the
# query count tests of the board and of the API would say so).
SHOWN_FIELDS = (
    "title",
    "text",
    "contract_type",
    "published_at",
    "latitude",
    "longitude",
    "company__name",
    "commune__name",
    "appellation__name",
)


def _shown(offers):
    return offers.select_related("company", "commune", "appellation").only(*SHOWN_FIELDS)


def board_search(
    *,
    commune=None,
    radius_km: int = 30,
    appellation=None,
    rome=None,
    text: str = "",
    contract_type: str = "",
) -> BoardResults:
    """Published offers, nearest first within `radius_km` of the commune (most recent
    first without a commune). A typed `text` keeps the offers it finds
    (`offers.search`): without a commune, those whose heading has it come first.
    All in the database: the bounding box of the circle
    narrows the rows on the (state, latitude, longitude, unit vector, contract, job)
    index; the squared chord from the commune (`lib.geo.squared_chord_sql`, which
    grows with the exact great-circle distance) drops the box's corners and orders
    what is left; only the count and a page of offers come back."""
    offers = JobOffer.objects.published()
    if appellation is not None:
        offers = offers.filter(appellation=appellation)
    elif rome is not None:
        # The family's jobs as a list the database builds once, not a join per offer.
        offers = offers.filter(appellation__in=Appellation.objects.filter(rome=rome))
    if contract_type:
        offers = offers.filter(contract_type=contract_type)
    offers = matching_text(offers, text)
    if commune is None or commune.latitude is None:
        relevance = ("relevance",) if "relevance" in offers.query.annotations else ()
        return BoardResults(offers.order_by(*relevance, "-published_at", "-id"))
    return BoardResults(offers, centre=(commune.latitude, commune.longitude), radius_km=radius_km)


# --- what an employer sees of a candidate --------------------------------------------


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
    "interview_on",
    "starts_on",
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


def employer_introductions(
    user, *, organization=None, offer=None, introduction=None, state: str = ""
):
    """The introductions to the offers the user answers for as the employer (with
    `organization`, that organization's), newest first: a queryset, to page."""
    introductions = Introduction.objects.for_employer(user, organization)
    if offer is not None:
        introductions = introductions.filter(offer=offer)
    if introduction is not None:
        introductions = introductions.filter(pk=introduction.pk)
    if state:
        introductions = introductions.filter(state=state)
    return introductions.order_by("-created_at", "-id")


def candidates_for_employer(
    user, *, organization=None, offer=None, introduction=None, state: str = ""
) -> list[Candidate]:
    """The people introduced to the offers the user answers for as the employer, with
    their fit: two queries whatever the number (introductions with their offer and
    person, then the wishes of those persons)."""
    return candidates_of(
        employer_introductions(
            user, organization=organization, offer=offer, introduction=introduction, state=state
        )
    )


def candidate_by_link(introduction: Introduction) -> Candidate:
    """The one introduction the emailed link names (its page checked the token), as the
    employer space shows it."""
    return candidates_of(Introduction.objects.filter(pk=introduction.pk))[0]


def candidates_by_id(ids) -> dict[int, Candidate]:
    """The candidates of the introductions `ids`, by id: a page's rows
    (`lib.counted_page`, `by_ids`)."""
    return {c.introduction.pk: c for c in candidates_of(Introduction.objects.filter(pk__in=ids))}


def candidates_of(introductions) -> list[Candidate]:
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


def waiting_introductions(user, organization=None) -> list[Introduction]:
    """The introductions still waiting on the employer (`OPEN_INTRODUCTION_STATES`), with
    only what the to-do list says of them (`offers.employer_todo`): the name an employer
    is shown, the offer's title, who introduced the person. One query."""
    return list(
        Introduction.objects.for_employer(user, organization)
        .filter(state__in=OPEN_INTRODUCTION_STATES)
        .select_related("offer", "person", "introduced_by")
        .only(
            "state",
            "interview_on",
            "created_at",
            "offer__title",
            "person__first_name",
            "person__last_name",
            "person__anonymised_at",
            "introduced_by__name",
        )
        .order_by("created_at", "id")
    )


def interests_for_employer(user, organization=None):
    """Interest left on the public board for the offers the user answers for as the
    employer, when no accompanying structure received it."""
    return (
        OfferInterest.objects.for_employer(user, organization)
        .select_related("offer__company", "commune")
        .order_by("-created_at", "-id")
    )


def offers_for_employer(user, organization=None):
    """The offers the user answers for as the employer: the company's own, and for an
    employer group its own and its member companies'."""
    return (
        JobOffer.objects.for_employer(user, organization)
        .select_related("company", "commune", "appellation", "organization")
        .order_by("-last_updated_at", "-id")
    )


# --- what the structure that introduced a person is told ------------------------------

# How long an employer's answer stays in the structure's « À traiter ».
ANSWERS_SHOWN_DAYS = 14


def employer_answers_lately(organization, *, days: int = ANSWERS_SHOWN_DAYS, now=None):
    """The employers' answers (interview, hire, decline) of the last `days` to the
    people `organization` introduced, the latest first: a line each in « À traiter »."""
    since = (now or timezone.now()) - timedelta(days=days)
    return (
        Introduction.objects.filter(
            introduced_by=organization, state__in=EMPLOYER_ANSWERS, answered_at__gte=since
        )
        .select_related("person", "offer__company")
        .order_by("-answered_at", "-pk")
    )
