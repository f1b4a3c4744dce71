"""« À traiter » and the home page's « Aujourd'hui » on the persons' population (100,000
persons, 1,000,000 events): for its large structure (15 % of everyone) and for a small
one (8 people) on the same platform, each against the reads as they were before — a
Paginator per section (a COUNT, then the page, over the same join) and one COUNT per
home figure. Target: p95 under 200 ms on SQLite, 150 ms on PostgreSQL."""

import random
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from access import ledger
from bench import Measure
from bench.persons import EVENTS, PERSONS
from bench.population import build
from bench.timing import compare
from lib.counted_page import counted_page
from lib.text import normalize
from organizations.enums import OrganizationKind, Role
from organizations.models import Membership, Organization
from organizations.siret import with_check_digit
from pathways import selectors as pathway_selectors
from pathways.enums import EntryChannel, PathwayKind, PathwayState
from pathways.models import Pathway
from persons.models import Person
from plans import selectors as plan_selectors
from plans.enums import ActionKind, ActionStatus
from plans.models import Action, Appointment
from referrals.enums import ReferralState
from referrals.models import Referral
from referrals.selectors import awaiting_answer_counts, readable_referrals
from referrals.state_machine import AWAITING_ANSWER
from territories.models import Commune

ROUNDS = 100
PAGE_SIZE = 25
SEED = 13
SMALL = "Bench petite structure"


def run() -> list[Measure]:
    started = time.perf_counter()
    population = build(persons=PERSONS, events=EVENTS)
    big_user, big = population["user"], population["organization"]
    _plan_of(big_user, big, share=0.2)
    small_user, small = _small_structure(big)
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
        )
        measures += compare(
            f"Accueil (chiffres du jour), {organization.name}",
            [lambda u=user, o=organization: _home(u, o) for _ in range(ROUNDS)],
            [lambda u=user, o=organization: _naive_home(u, o) for _ in range(ROUNDS)],
            target_ms=target,
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
        pathway_selectors.without_contact(
            organization, user, whole_structure=case["whole_structure"]
        ),
        plan_selectors.overdue_actions(user),
        plan_selectors.appointments_today(user, organization),
    ]
    pages = [counted_page(items, case["page"], PAGE_SIZE) for items in sections]
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


# --- the data the population lacks: plans, referrals, a small structure ---------------------


def _plan_of(user, organization, *, share: float) -> None:
    """Actions (a third overdue) and today's appointments for a share of the structure's
    people, referrals awaiting its answer: once per database."""
    if Action.objects.filter(owner=user).exists():
        return
    rng = random.Random(SEED)
    pathways = list(
        Pathway.objects.filter(organization=organization)
        .order_by("id")
        .values_list("id", "person_id")
    )
    chosen = rng.sample(pathways, max(1, int(len(pathways) * share)))
    today = timezone.localdate()
    noon = timezone.make_aware(datetime.combine(today, clock(9)))
    kinds = list(ActionKind.values)
    with transaction.atomic():
        Action.objects.bulk_create(
            Action(
                person_id=person_id,
                pathway_id=pathway_id,
                kind=rng.choice(kinds),
                title="Action (mesure)",
                owner=user,
                organization=organization,
                due_on=today + timedelta(days=rng.randint(-60, 120)),
                status=ActionStatus.TODO if rng.random() < 0.7 else ActionStatus.DONE,
            )
            for pathway_id, person_id in chosen
        )
        Appointment.objects.bulk_create(
            Appointment(
                person_id=person_id,
                pathway_id=pathway_id,
                at=noon + timedelta(minutes=20 * index),
                subject="Rendez-vous (mesure)",
                with_user=user,
                organization=organization,
            )
            for index, (pathway_id, person_id) in enumerate(chosen[:20])
        )
        sender = Organization.objects.filter(name__startswith="Bench ").exclude(pk=organization.pk)[
            0
        ]
        now = timezone.now()
        Referral.objects.bulk_create(
            Referral(
                person_id=person_id,
                from_organization=sender,
                to_organization=organization,
                motivation="Orientation (mesure)",
                state=rng.choice([ReferralState.SENT, ReferralState.SEEN, ReferralState.REFUSED]),
                sent_at=now - timedelta(days=rng.randint(0, 40)),
            )
            for _pathway_id, person_id in chosen[:500]
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _small_structure(neighbour) -> tuple:
    """Eight people, half without contact for a month, with their plan."""
    existing = Organization.objects.filter(name=SMALL).first()
    User = get_user_model()
    if existing is None:
        rng = random.Random(SEED)
        with transaction.atomic():
            existing = Organization.objects.create(
                name=SMALL,
                kind=OrganizationKind.ACI,
                siret=with_check_digit("9800000000101"),
                commune=neighbour.commune or Commune.objects.order_by("code").first(),
            )
            user = User.objects.create(
                email="bench.petite@bench.localhost", first_name="Conseillère", last_name="Petite"
            )
            Membership.objects.create(user=user, organization=existing, role=Role.MEMBER)
            now = timezone.now()
            for index in range(8):
                person = Person.objects.create(
                    first_name="Petite",
                    last_name=f"Structure{index}",
                    search_name=normalize(f"Structure{index} Petite"),
                    birth_date=date(1980, 1, 1) + timedelta(days=index),
                    created_by_organization=existing,
                    last_contact_at=now - timedelta(days=rng.randrange(60)),
                )
                Pathway.objects.create(
                    person=person,
                    organization=existing,
                    referent=user,
                    kind=PathwayKind.IAE,
                    entry_channel=EntryChannel.WALK_IN,
                    state=PathwayState.ACTIVE,
                    pass_end=timezone.localdate() + timedelta(days=rng.randrange(200)),
                )
            ledger.refresh(
                Person.objects.filter(created_by_organization=existing).values_list("pk", flat=True)
            )
        _plan_of(user, existing, share=1.0)
    return User.objects.get(email="bench.petite@bench.localhost"), existing
