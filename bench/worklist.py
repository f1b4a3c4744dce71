"""« À traiter » and the home page's « Aujourd'hui » on the persons' population (1,000,000
persons, 10,000,000 events by default: `BENCH_PERSONS`): for its large structure (10,000
people) and for its small one (8 people), each against the reads as they were before — a
Paginator per section (a COUNT, then the page, over the same join) and one COUNT per
home figure. Target: p95 under 200 ms on SQLite, 150 ms on PostgreSQL."""

import random
import time
from datetime import timedelta

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from bench import Measure, persons_wanted
from bench.population import build
from bench.timing import BUDGET_S, compare
from lib.counted_page import counted_page
from pathways import selectors as pathway_selectors
from pathways.enums import PathwayState
from pathways.models import Pathway
from plans import selectors as plan_selectors
from referrals.selectors import awaiting_answer_counts, readable_referrals
from referrals.state_machine import AWAITING_ANSWER
from www.views.worklist import PAGE_SIZE

ROUNDS = 100
SEED = 13


def run() -> list[Measure]:
    started = time.perf_counter()
    population = build(persons=persons_wanted())
    big_user, big = population.large_user, population.large
    small_user, small = population.small_user, population.small
    built = time.perf_counter() - started
    target = 150 if connection.vendor == "postgresql" else 200
    rng = random.Random(SEED)
    measures = []
    for user, organization in ((big_user, big), (small_user, small)):
        _act_for(user, organization)
        people = Pathway.objects.filter(organization=organization).count()
        measures.append(
            Measure(
                f"{organization.name} ({connection.vendor})",
                f"{people:,} parcours".replace(",", " "),
                baseline=f"prête en {built:.0f} s",
            )
        )
        cases = [_case(rng) for _ in range(ROUNDS)]
        measures += compare(
            f"À traiter, {organization.name}",
            [lambda c=case, u=user, o=organization: _worklist(u, o, c) for case in cases],
            [lambda c=case, u=user, o=organization: _naive_worklist(u, o, c) for case in cases],
            target_ms=target,
            budget_s=BUDGET_S,
        )
        measures += compare(
            f"Accueil (chiffres du jour), {organization.name}",
            [lambda u=user, o=organization: _home(u, o) for _ in range(ROUNDS)],
            [lambda u=user, o=organization: _naive_home(u, o) for _ in range(ROUNDS)],
            target_ms=target,
            budget_s=BUDGET_S,
        )
    return measures


def _case(rng) -> dict:
    """Mostly the first page of each section, sometimes a later one or the whole
    structure's « sans contact », as people click."""
    return {
        "whole_structure": rng.random() < 0.3,
        "page": 1 if rng.random() < 0.8 else rng.randint(2, 5),
    }


def _act_for(user, organization) -> None:
    # The selectors read the user's memberships (cached on the user object per request).
    user._active_memberships = list(user.memberships.active().select_related("organization"))


# --- what the pages read ---------------------------------------------------------------


def _worklist(user, organization, case) -> list:
    sections = [
        pathway_selectors.passes_ending(organization, within_days=30),
        pathway_selectors.passes_ending(organization, within_days=90, after_days=31),
        plan_selectors.overdue_actions(user),
        plan_selectors.appointments_today(user, organization),
    ]
    pages = [counted_page(items, case["page"], PAGE_SIZE) for items in sections]
    # « Sans contact » as the page reads it: sorted and counted on the structure's rows
    # of the access ledger, the pathways of the page's persons read after.
    pages.append(
        counted_page(
            pathway_selectors.without_contact_rows(
                organization, user, whole_structure=case["whole_structure"]
            ),
            case["page"],
            PAGE_SIZE,
            by_ids=True,
            id_field="person_id",
            rows_of=lambda persons: pathway_selectors.open_pathways_by_person(
                organization, persons
            ),
        )
    )
    return [(page.paginator.count, [str(row.person) for row in page]) for page in pages]


def _home(user, organization) -> tuple:
    return (
        pathway_selectors.worklist_counts(organization, user),
        plan_selectors.overdue_actions(user).count(),
        awaiting_answer_counts(user, organization),
    )


# --- the same, read as before ------------------------------------------------------------


def _naive_open_pathways(organization):
    return (
        Pathway.objects.exclude(state=PathwayState.CLOSED)
        .filter(organization=organization, person__merged_into__isnull=True)
        .select_related("person", "referent")
    )


def _naive_passes(organization, within_days, after_days=0):
    today = timezone.localdate()
    return (
        _naive_open_pathways(organization)
        .filter(
            pass_end__gte=today + timedelta(days=after_days),
            pass_end__lte=today + timedelta(days=within_days),
        )
        .order_by("pass_end", "id")
    )


def _naive_without_contact(organization, user, whole_structure=False):
    since = timezone.now() - timedelta(days=30)
    pathways = _naive_open_pathways(organization).filter(
        Q(person__last_contact_at__isnull=True) | Q(person__last_contact_at__lt=since)
    )
    if not whole_structure:
        pathways = pathways.filter(referent=user)
    return pathways.order_by("person__last_contact_at", "id")


def _naive_worklist(user, organization, case) -> list:
    sections = [
        _naive_passes(organization, 30),
        _naive_passes(organization, 90, 31),
        _naive_without_contact(organization, user, case["whole_structure"]),
        plan_selectors.overdue_actions(user),
        plan_selectors.appointments_today(user, organization),
    ]
    pages = [Paginator(items, PAGE_SIZE).get_page(case["page"]) for items in sections]
    return [(page.paginator.count, [str(row.person) for row in page]) for page in pages]


def _naive_home(user, organization) -> tuple:
    referrals = readable_referrals(user).filter(state__in=AWAITING_ANSWER)
    return (
        _naive_passes(organization, 90).count(),
        _naive_without_contact(organization, user).count(),
        plan_selectors.overdue_actions(user).count(),
        referrals.filter(to_organization=organization).count(),
        referrals.filter(from_organization=organization).count(),
    )
