"""What « Résultats » counts, added to the benchmarks' population (`bench.population`,
which holds persons, pathways, referrals and events only): barriers and the service
referrals sent for them, companies with their contact log and club, offers and their
moves, introductions and theirs, immersions, contracts, exit categories and post-exit
checks, in the proportions of an active structure, for every pathway of the platform
(so the large structure's figures rest on about ten thousand people's worth of rows,
and the other structures' rows sit in the same tables).

Built once per database (`ensure`), with `bench.bulk`, deterministic for a given seed.
Every date falls between the pathway's start and today: the last twelve months and the
twelve before both have rows."""

import time
from datetime import UTC, date, datetime, timedelta

import numpy as np
from django.db import connection, transaction
from django.db.models import Case as SqlCase
from django.db.models import F, Value, When
from django.db.models.functions import Mod
from django.db.models.lookups import Exact
from django.utils import timezone

from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, PersonBarrier
from bench.bulk import insert, next_id, reset_sequences
from companies.enums import Engagement, ExchangeKind
from companies.models import ClubMembership, Company, ContactLogEntry
from employment.enums import ContractState
from employment.models import Contract
from exits.enums import Situation
from exits.models import PostExitCheck
from immersions.enums import Objective, Outcome
from immersions.models import Immersion
from jobs.models import Appellation
from offers.enums import IntroductionState, OfferState
from offers.models import Introduction, IntroductionTransition, JobOffer, OfferTransition
from organizations.siret import with_check_digit
from partner_services.models import Service, ServiceReferral
from pathways.enums import ExitCategory, PathwayState
from pathways.models import Pathway
from persons.enums import ContractType
from territories.models import Commune

COMPANIES = 3000
CLUB_PER_ORGANIZATION = 25
MARK = "Bench résultats"


def ensure(seed: int = 11) -> float:
    """Add the rows once; the seconds it took (0 when they were there)."""
    if Company.objects.filter(name=f"{MARK} 0").exists():
        return 0.0
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        _create(np.random.default_rng(seed))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def _days(values) -> list[date]:
    base = date(2000, 1, 1)
    return [base + timedelta(days=int(v)) for v in values]


def _ordinal(day: date) -> int:
    return (day - date(2000, 1, 1)).days


def _noon(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=11)


def _create(rng: np.random.Generator) -> None:
    today = _ordinal(timezone.localdate())
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = list(
        Pathway.objects.order_by("pk").values_list(
            "pk", "person_id", "organization_id", "started_on", "closed_on"
        )
    )
    pathway = np.array([r[0] for r in rows])
    person = np.array([r[1] for r in rows])
    holder = np.array([r[2] for r in rows])
    started = np.array([_ordinal(r[3]) for r in rows])
    closed = np.array([_ordinal(r[4]) if r[4] else -1 for r in rows])
    n = len(rows)
    organizations = np.unique(holder)

    # Exit categories of the closed pathways.
    categories = ExitCategory.values
    Pathway.objects.filter(state=PathwayState.CLOSED).update(
        exit_category=SqlCase(
            *[
                When(Exact(Mod(F("pk"), len(categories)), index), then=Value(value))
                for index, value in enumerate(categories)
            ],
            default=Value(""),
        )
    )

    # Barriers: 0 to 3 a pathway.
    items = np.array(list(BarrierItem.objects.values_list("pk", flat=True)))
    per = rng.integers(0, 4, size=n)
    at = np.repeat(np.arange(n), per)
    m = len(at)
    identified = np.minimum(started[at] + rng.integers(0, 120, size=m), today)
    fate = rng.random(m)
    lifted = identified + rng.integers(5, 250, size=m)
    is_lifted = (fate < 0.4) & (lifted <= today)
    status = np.where(
        is_lifted,
        BarrierStatus.LIFTED,
        np.where(
            fate < 0.75,
            BarrierStatus.BEING_LIFTED,
            np.where(fate < 0.95, BarrierStatus.IDENTIFIED, BarrierStatus.NOT_RELEVANT),
        ),
    )
    first_barrier = next_id(PersonBarrier)
    barrier_items = items[rng.integers(len(items), size=m)]
    insert(
        PersonBarrier,
        ["id", "person_id", "item_id", "status", "identified_on", "lifted_on", "organization_id"],
        (
            (first_barrier + i, p, it, str(s), d, lf if ok else None, o)
            for i, (p, it, s, d, lf, ok, o) in enumerate(
                zip(
                    person[at].tolist(),
                    barrier_items.tolist(),
                    status.tolist(),
                    _days(identified),
                    _days(lifted),
                    is_lifted.tolist(),
                    holder[at].tolist(),
                    strict=True,
                )
            )
        ),
    )

    # Service referrals for one barrier in four, half of them done.
    home = Commune.objects.order_by("code").values_list("pk", flat=True).first()
    service = Service.objects.create(
        source="bench",
        source_id="resultats",
        structure_name=f"{MARK} service",
        name=f"{MARK} service",
        description="Service de mesure.",
        commune_id=home,
    )
    chosen = np.flatnonzero(rng.random(m) < 0.25)
    created = np.minimum(identified[chosen] + rng.integers(0, 30, size=len(chosen)), today)
    done = created + rng.integers(10, 90, size=len(chosen))
    is_done = (rng.random(len(chosen)) < 0.5) & (done <= today)
    first = next_id(ServiceReferral)
    insert(
        ServiceReferral,
        ["id", "person_id", "barrier_id", "service_id", "from_organization_id", "state"]
        + ["done_on", "created_at"],
        (
            (first + i, p, first_barrier + b, service.pk, o, "done" if ok else "sent")
            + (d if ok else None, _noon(c))
            for i, (p, b, o, ok, d, c) in enumerate(
                zip(
                    person[at[chosen]].tolist(),
                    chosen.tolist(),
                    holder[at[chosen]].tolist(),
                    is_done.tolist(),
                    _days(done),
                    _days(created),
                    strict=True,
                )
            )
        ),
    )

    # Companies, the club of every organization, the contact log (0.4 a pathway).
    communes = list(Commune.objects.order_by("code").values_list("pk", flat=True)[:500])
    first_company = next_id(Company)
    insert(
        Company,
        ["id", "siret", "name", "search_name", "commune_id"],
        (
            (
                first_company + i,
                with_check_digit(f"{880000000 + i:09d}0001"),
                f"{MARK} {i}",
                f"bench resultats {i}",
                communes[i % len(communes)],
            )
            for i in range(COMPANIES)
        ),
    )
    first = next_id(ClubMembership)
    club = [
        (o, c)
        for o in organizations.tolist()
        for c in rng.choice(COMPANIES, size=CLUB_PER_ORGANIZATION, replace=False).tolist()
    ]
    since = rng.integers(today - 800, today, size=len(club))
    insert(
        ClubMembership,
        ["id", "organization_id", "company_id", "since", "engagement"],
        (
            (first + i, o, first_company + c, d, Engagement.ACTIVE)
            for i, ((o, c), d) in enumerate(zip(club, _days(since), strict=True))
        ),
    )
    chosen = np.flatnonzero(rng.random(n) < 0.4)
    occurred = np.minimum(started[chosen] + rng.integers(0, 200, size=len(chosen)), today)
    first = next_id(ContactLogEntry)
    insert(
        ContactLogEntry,
        ["id", "organization_id", "company_id", "kind", "occurred_on", "summary"],
        (
            (first + i, o, first_company + int(c), ExchangeKind.CALL, d, "Échange (mesure)")
            for i, (o, c, d) in enumerate(
                zip(
                    holder[chosen].tolist(),
                    rng.integers(COMPANIES, size=len(chosen)),
                    _days(occurred),
                    strict=True,
                )
            )
        ),
    )

    # Offers (0.08 a pathway), their moves to filled or paused.
    appellations = list(Appellation.objects.order_by("pk").values_list("pk", flat=True)[:200])
    chosen = np.flatnonzero(rng.random(n) < 0.08)
    k = len(chosen)
    published = np.minimum(started[chosen] + rng.integers(0, 60, size=k), today)
    fate = rng.random(k)
    moved = published + rng.integers(10, 90, size=k)
    filled = (fate < 0.3) & (moved <= today)
    paused = (fate >= 0.3) & (fate < 0.45) & (moved <= today)
    state = np.where(filled, OfferState.FILLED, np.where(paused, OfferState.PAUSED, "published"))
    types = ContractType.values
    first_offer = next_id(JobOffer)
    insert(
        JobOffer,
        ["id", "organization_id", "company_id", "appellation_id", "commune_id"]
        + ["contract_type", "title", "state", "published_at"],
        (
            (first_offer + i, o, first_company + int(c), appellations[int(a) % len(appellations)])
            + (communes[int(a) % len(communes)], types[int(a) % len(types)], "Offre (mesure)")
            + (s, _noon(d))
            for i, (o, c, a, s, d) in enumerate(
                zip(
                    holder[chosen].tolist(),
                    rng.integers(COMPANIES, size=k),
                    rng.integers(10_000, size=k),
                    state.tolist(),
                    _days(published),
                    strict=True,
                )
            )
        ),
    )
    first = next_id(OfferTransition)
    moves = np.flatnonzero(filled | paused)
    insert(
        OfferTransition,
        ["id", "offer_id", "from_state", "to_state", "at"],
        (
            (first + i, first_offer + int(j), "published", str(state[j]), _noon(d))
            for i, (j, d) in enumerate(zip(moves.tolist(), _days(moved[moves]), strict=True))
        ),
    )

    # Introductions (0.5 a pathway) to the offers, their moves to interview and hire.
    chosen = np.flatnonzero(rng.random(n) < 0.5)
    offer_of = rng.integers(k, size=len(chosen))
    pairs = {}
    for j, o in zip(chosen.tolist(), offer_of.tolist(), strict=True):
        pairs.setdefault((int(person[j]), o), j)  # one introduction of a person per offer
    chosen = np.array(list(pairs.values()))
    offer_of = np.array([o for _, o in pairs])
    q = len(chosen)
    sent = np.minimum(started[chosen] + rng.integers(0, 200, size=q), today)
    fate = rng.random(q)
    interview = (fate < 0.4) & (sent + 7 <= today)
    hired = (fate < 0.15) & (sent + 20 <= today)
    state = np.where(
        hired,
        IntroductionState.HIRED,
        np.where(interview, IntroductionState.INTERVIEW, IntroductionState.DECLINED),
    )
    first_introduction = next_id(Introduction)
    insert(
        Introduction,
        ["id", "offer_id", "person_id", "introduced_by_id", "state", "sent_at"],
        (
            (first_introduction + i, first_offer + o, p, by, s, _noon(d))
            for i, (o, p, by, s, d) in enumerate(
                zip(
                    offer_of.tolist(),
                    person[chosen].tolist(),
                    holder[chosen].tolist(),
                    state.tolist(),
                    _days(sent),
                    strict=True,
                )
            )
        ),
    )
    transitions = [
        (i, "sent", IntroductionState.INTERVIEW, int(sent[i]) + 7)
        for i in np.flatnonzero(interview).tolist()
    ] + [
        (i, IntroductionState.INTERVIEW, IntroductionState.HIRED, int(sent[i]) + 20)
        for i in np.flatnonzero(hired).tolist()
    ]
    first = next_id(IntroductionTransition)
    insert(
        IntroductionTransition,
        ["id", "introduction_id", "from_state", "to_state", "at"],
        (
            (first + x, first_introduction + i, str(a), str(b), _noon(_days([d])[0]))
            for x, (i, a, b, d) in enumerate(transitions)
        ),
    )

    # Immersions (0.1 a pathway).
    chosen = np.flatnonzero(rng.random(n) < 0.1)
    begin = np.minimum(started[chosen] + rng.integers(0, 200, size=len(chosen)), today)
    outcomes = [Outcome.HIRED, Outcome.NOT_HIRED, Outcome.NOT_HIRED, Outcome.IN_PROGRESS]
    first = next_id(Immersion)
    insert(
        Immersion,
        ["id", "person_id", "company_id", "organization_id", "start_on", "end_on"]
        + ["objective", "outcome"],
        (
            (first + i, p, first_company + int(c), o, d, d + timedelta(days=10))
            + (Objective.values[0], outcomes[int(x)])
            for i, (p, c, o, d, x) in enumerate(
                zip(
                    person[chosen].tolist(),
                    rng.integers(COMPANIES, size=len(chosen)),
                    holder[chosen].tolist(),
                    _days(begin),
                    rng.integers(len(outcomes), size=len(chosen)),
                    strict=True,
                )
            )
        ),
    )

    # Contracts (one pathway in five), a third ended or broken.
    chosen = np.flatnonzero(rng.random(n) < 0.2)
    c = len(chosen)
    start = np.minimum(started[chosen] + rng.integers(30, 300, size=c), today)
    kind = rng.integers(len(types), size=c)
    planned = start + rng.integers(60, 400, size=c)
    ended = start + rng.integers(10, 400, size=c)
    stops = (rng.random(c) < 0.33) & (ended <= today)
    first = next_id(Contract)
    insert(
        Contract,
        ["id", "person_id", "pathway_id", "company_id", "contract_type", "start_date"]
        + ["end_date", "hours_per_week", "state", "ended_on"],
        (
            (first + i, p, pw, first_company + int(co), types[t], d)
            + (None if types[t] == "CDI" else e, 35, ContractState.ENDED if s else "running")
            + (x if s else None,)
            for i, (p, pw, co, t, d, e, s, x) in enumerate(
                zip(
                    person[chosen].tolist(),
                    pathway[chosen].tolist(),
                    rng.integers(COMPANIES, size=c),
                    kind.tolist(),
                    _days(start),
                    _days(planned),
                    stops.tolist(),
                    _days(ended),
                    strict=True,
                )
            )
        ),
    )

    # Post-exit checks six months after each exit, seven in ten recorded.
    chosen = np.flatnonzero(closed >= 0)
    due = closed[chosen] + 182
    done = due + rng.integers(0, 20, size=len(chosen))
    recorded = (rng.random(len(chosen)) < 0.7) & (done <= today)
    situations = Situation.values
    first = next_id(PostExitCheck)
    insert(
        PostExitCheck,
        ["id", "pathway_id", "due_on", "done_on", "situation", "created_at"],
        (
            (first + i, pw, d, x if ok else None, situations[int(s)] if ok else "", now)
            for i, (pw, d, x, ok, s) in enumerate(
                zip(
                    pathway[chosen].tolist(),
                    _days(due),
                    _days(done),
                    recorded.tolist(),
                    rng.integers(len(situations), size=len(chosen)),
                    strict=True,
                )
            )
        ),
    )
    reset_sequences(
        PersonBarrier,
        Service,
        ServiceReferral,
        Company,
        ClubMembership,
        ContactLogEntry,
        JobOffer,
        OfferTransition,
        Introduction,
        IntroductionTransition,
        Immersion,
        Contract,
        PostExitCheck,
    )
