"""Persons at scale: the person list (search and filters) and a person's timeline for the
large structure (10,000 people) of a platform of 1,000,000 persons and 10,000,000
timeline events (`BENCH_PERSONS`), against naive versions of the same reads, through
the selectors the pages use. Target: p95 under 150 ms for one page of each."""

import random
import time

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count

from bench import Measure, persons_wanted
from bench.population import FIRST_NAMES, LAST_NAMES, build
from bench.timing import BUDGET_S, compare
from lib.search import query_words, word_prefix
from pathways.enums import PathwayState
from persons.access import Level
from persons.models import Person
from persons.selectors import list_rows, person_list_page, persons_for_list
from timeline.models import EventKind, TimelineEvent
from timeline.selectors import person_timeline

TARGET_MS = 150
ROUNDS = 200
SEED = 11


def run() -> list[Measure]:
    started = time.perf_counter()
    population = build(persons=persons_wanted())
    built = time.perf_counter() - started
    user, organization = population.large_user, population.large
    _act_for(user, organization)
    rng = random.Random(SEED)
    vendor = connection.vendor
    measures = [
        Measure(
            f"Population ({vendor})",
            _figures(Person.objects.count(), "personnes", TimelineEvent.objects.count()),
            baseline=f"prête en {built:.0f} s",
        )
    ]
    list_cases = _list_cases(rng, user)
    measures += compare(
        "Liste des personnes (recherche et filtres), une page",
        [lambda case=case: _list_page(user, case) for case in list_cases],
        [lambda case=case: _naive_list_page(user, case) for case in list_cases],
        target_ms=TARGET_MS,
        budget_s=BUDGET_S,
    )
    # Most persons have about ten events; one in two hundred has about four hundred.
    persons = list(
        Person.objects.filter(pathways__organization=organization).order_by("?")[: ROUNDS // 2]
    ) + list(
        Person.objects.filter(pathways__organization=organization)
        .annotate(events_count=Count("events"))
        .order_by("-events_count")[: ROUNDS // 2]
    )
    kinds_choices = [None, [EventKind.APPOINTMENT], [EventKind.NOTE, EventKind.ACTION]]
    timeline_cases = [(person, rng.choice(kinds_choices)) for person in persons]
    measures += compare(
        "Chronologie (une personne sur deux à ~400 événements), une page",
        [lambda c=case: _timeline_page(user, organization, *c) for case in timeline_cases],
        [lambda c=case: _naive_timeline_page(*c) for case in timeline_cases],
        target_ms=TARGET_MS,
        budget_s=BUDGET_S,
    )
    return measures


def _figures(persons: int, noun: str, events: int) -> str:
    return f"{persons:,} {noun}, {events:,} événements".replace(",", " ")


def _act_for(user, organization) -> None:
    # The selectors read the user's memberships (cached on the user object).
    user._active_memberships = list(user.memberships.active().select_related("organization"))
    user._bench_org = organization


def _list_cases(rng, user) -> list[dict]:
    cases = []
    for _ in range(ROUNDS):
        case = {}
        roll = rng.random()
        if roll < 0.5:
            name = rng.choice(LAST_NAMES if rng.random() < 0.7 else FIRST_NAMES)
            case["query"] = name[: rng.randint(3, len(name))]
        if rng.random() < 0.3:
            case["state"] = rng.choice(list(PathwayState.values))
        if rng.random() < 0.3:
            case["mine"] = True
        cases.append(case)
    return cases


def _filters(case) -> dict:
    filters = {}
    if "state" in case:
        filters["state"] = case["state"]
    if case.get("mine"):
        filters["referent"] = "me"
    return filters


def _list_page(user, case) -> list:
    """The page's reads: the people found and their number from the table of who sees
    whom, then the page (`persons.selectors.person_list_page`)."""
    page = person_list_page(
        user,
        query=case.get("query", ""),
        filters=_filters(case),
        organization=user._bench_org,
        per_page=25,
    )
    return [page.paginator.count, *page.object_list]


def _previous_list_page(user, case) -> list:
    """The page as it was read before: the people searched by their own name, filtered
    through subqueries, and a Paginator (a COUNT(*) over the people, then the page)."""
    people = persons_for_list(user, filters=_filters(case), organization=user._bench_org)
    for word in query_words(case.get("query", "")):
        people = people.filter(word_prefix("search_name", word))
    page = Paginator(list_rows(people), 25).get_page(1)
    return [page.paginator.count, *page.object_list]


def _naive_list_page(user, case) -> list:
    """What a first version would do: icontains on both names, the visibility check and
    the current pathway fetched person by person."""
    people = Person.objects.visible_to(user)
    query = case.get("query", "")
    if query:
        people = people.filter(last_name__icontains=query) | people.filter(
            first_name__icontains=query
        )
    page = Paginator(people.order_by("last_name", "first_name", "id"), 25).get_page(1)
    rows = []
    for person in page.object_list:
        pathway = person.pathways.order_by("-started_on").first()
        if "state" in case and (pathway is None or pathway.state != case["state"]):
            continue
        rows.append((person, pathway, pathway.referent if pathway else None))
    return rows


def _timeline_page(user, organization, person, kinds) -> list:
    return list(person_timeline(user, person, Level.TEAM, kinds=kinds)[:25])


def _naive_timeline_page(person, kinds) -> list:
    """Every event of the person loaded and sorted in Python."""
    events = list(TimelineEvent.objects.filter(person=person))
    if kinds:
        events = [e for e in events if e.kind in kinds]
    return sorted(events, key=lambda e: (e.occurred_at, e.pk), reverse=True)[:25]
