"""Matching at scale. Candidates for one offer among 10,000 people (read from the
database through the feature store), 100,000 and 1,000,000 (engine arrays generated
with the same laws: the engine takes arrays); the best 50 with their explanations.
Offers for one person among 100,000 published offers. Each beside a straightforward
per-person (per-offer) Python loop over the same arrays, the same rules applied pair
by pair: at 100,000 and 1,000,000 the loop runs over a slice of the people and its
time is scaled up (it would take minutes), which the label says. Memory is what the
arrays hold. Freshness: a barrier changed through its service, and the time another
store (standing for another server process) takes to rank with it. Targets: p95 under
50 ms at 1,000,000 people, under 20 ms among 100,000 offers; feature store under
500 MB."""

import random
import statistics
import time
from datetime import date, timedelta

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audit.context import SYSTEM
from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, PersonBarrier
from barriers.services import barrier_change_status
from bench import Measure
from bench.timing import p95
from companies.models import Company
from jobs.models import Appellation
from matching import arrays as a
from matching import engine
from matching.components import DEFAULT_RADIUS_KM, EARTH_RADIUS_KM
from matching.feasibility import TIERS
from matching.features import FeatureStore
from matching.index import FamilyIndex
from matching.ranking import HORIZON_KM
from offers.enums import ContractType, OfferState, PhysicalDemand, PublicTransport, SchedulePattern
from offers.models import JobOffer
from offers.services import board_place
from organizations.enums import OrganizationKind
from organizations.models import Organization
from organizations.siret import with_check_digit
from pathways.enums import PathwayKind, PathwayState
from pathways.models import Pathway
from persons.models import Person, Wish
from reference.loading import load_reference_data
from territories.models import Commune

SEED = 11
DB_PERSONS = 10_000
DB_OFFERS = 2_000
SIZES = (100_000, 1_000_000)
OFFERS = 100_000
ROUNDS = 60
LIMIT = 50
TARGET_CANDIDATES_MS = 50
TARGET_OFFERS_MS = 20
TARGET_MB = 500
POPULAR = 1500  # jobs people want and offers name: a few hundred make most of them
BATCH = 5_000


def run() -> list[Measure]:
    rng = random.Random(SEED)
    communes, weights, jobs = _reference()
    today = a.day_of(timezone.localdate())
    measures = []

    # 10,000 people from the database, through the feature store.
    started = time.perf_counter()
    offer_ids = _build_database(rng, communes, weights, jobs)
    built = time.perf_counter() - started
    store = FeatureStore()
    started = time.process_time()
    persons, offers, vocabulary = store.fresh()
    loaded = time.process_time() - started
    measures.append(
        Measure(
            f"Magasin de caractéristiques lu depuis la base ({_n(DB_PERSONS)} personnes, "
            f"{_n(DB_OFFERS)} offres)",
            f"{loaded:.1f} s CPU",
            baseline=f"base prête en {built:.0f} s",
        )
    )
    asked = rng.sample(offer_ids, k=min(ROUNDS, len(offer_ids)))
    same = sum(
        [p.person_id for p in store.candidates(o, limit=LIMIT, today=today)]
        == [
            p.person_id
            for p in _naive_candidates(persons, offers, vocabulary, store._offers.row_of[o], today)
        ]
        for o in asked[:10]
    )
    measures.append(
        Measure(
            "Mêmes 50 premiers que la boucle Python (10 offres)",
            f"{same} sur 10",
            target="10 sur 10",
            met=same == 10,
        )
    )
    measures += _compare(
        f"Candidats pour une offre parmi {_n(DB_PERSONS)} (base, magasin)",
        [lambda o=o: store.candidates(o, limit=LIMIT, today=today) for o in asked],
        [
            lambda o=o: _naive_candidates(
                persons, offers, vocabulary, store._offers.row_of[o], today
            )
            for o in asked[:5]
        ],
        target_ms=None,
    )

    measures += _freshness(store)

    # 100,000 and 1,000,000 people: generated arrays, 100,000 offers.
    family_of_job = np.array([vocabulary.families.index(f) for _, f in jobs], dtype=np.int16)
    np_rng = np.random.default_rng(SEED)
    xyz = a.unit_vectors([c[0] for c in communes], [c[1] for c in communes])
    popular = _popular_jobs(np_rng, len(jobs))
    big_offers = _synthetic_offers(np_rng, OFFERS, xyz, weights, popular, family_of_job, today)
    for size in SIZES:
        people = _synthetic_persons(np_rng, size, xyz, weights, popular, family_of_job, today)
        started = time.process_time()
        index = FamilyIndex(people.wish_family, people.past_family, len(vocabulary.families))
        measures.append(
            Measure(
                f"Index des familles de métiers ({_n(size)} personnes)",
                f"{time.process_time() - started:.2f} s CPU",
            )
        )
        megabytes = (people.nbytes + big_offers.nbytes + vocabulary.nbytes + index.nbytes) / 1e6
        measures.append(
            Measure(
                f"Mémoire des tableaux et de l'index ({_n(size)} personnes, {_n(OFFERS)} offres)",
                f"{megabytes:.0f} Mo",
                target=f"< {TARGET_MB} Mo",
                met=megabytes < TARGET_MB,
            )
        )
        chosen = np_rng.choice(len(big_offers), size=ROUNDS, replace=False)
        sliced = max(1, size // 10_000)
        part = _slice(people, size // sliced)
        measures += _compare(
            f"Candidats pour une offre parmi {_n(size)}, 50 premiers expliqués",
            [
                lambda o=int(o), people=people, index=index: engine.candidates_for_offer(
                    people, big_offers, vocabulary, o, today=today, limit=LIMIT, index=index
                )
                for o in chosen
            ],
            [
                lambda o=int(o), part=part: _naive_candidates(
                    part, big_offers, vocabulary, o, today
                )
                for o in chosen[:3]
            ],
            target_ms=TARGET_CANDIDATES_MS if size == SIZES[-1] else None,
            scale=sliced,
        )
    # Offers for one person among 100,000.
    rows = np_rng.choice(len(people), size=ROUNDS, replace=False)
    measures += _compare(
        f"Offres pour une personne parmi {_n(OFFERS)}, 50 premières expliquées",
        [
            lambda r=int(r): engine.offers_for_person(
                people, big_offers, vocabulary, r, today=today, limit=LIMIT
            )
            for r in rows
        ],
        [
            lambda r=int(r): _naive_offers(people, big_offers, vocabulary, r, today)
            for r in rows[:3]
        ],
        target_ms=TARGET_OFFERS_MS,
    )
    return measures


def _freshness(store) -> list[Measure]:
    """A barrier changed through its service: the time until another store (standing
    for another server process, which shares only the database) ranks with it."""
    other = FeatureStore()
    other.fresh()
    barriers = list(
        PersonBarrier.objects.filter(status=BarrierStatus.IDENTIFIED)
        .select_related("item__theme")
        .order_by("pk")[:30]
    )
    seen, timings = 0, []
    for barrier in barriers:
        barrier_change_status(barrier=barrier, to_status=BarrierStatus.BEING_LIFTED, user=SYSTEM)
        changed = time.perf_counter()
        persons, _, _ = other.fresh()
        timings.append((time.perf_counter() - changed) * 1000)
        row = other._persons.row_of[barrier.person_id]
        seen += bool(persons.lifting[row] & a.BARRIER_BIT.get(barrier.item.code, 0)) or (
            barrier.item.code not in a.BARRIER_BIT
        )
    return [
        Measure(
            "Fraîcheur : un frein changé, vu au classement suivant d'un autre magasin",
            f"{seen} sur {len(barriers)}",
            target=f"{len(barriers)} sur {len(barriers)}",
            met=seen == len(barriers),
        ),
        Measure(
            "Fraîcheur : rattrapage de l'autre magasin après le changement, p95",
            f"{p95(timings):.1f} ms",
            target="< 1000 ms",
            met=p95(timings) < 1000,
        ),
    ]


def _n(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def _compare(label, cases, baseline_cases, *, target_ms, scale: int = 1) -> list[Measure]:
    for case in cases[:10]:  # warm-up
        case()
    ours, cpu = [], []
    for case in cases:
        started, started_cpu = time.perf_counter(), time.process_time()
        case()
        ours.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    base = []
    for case in baseline_cases:  # no warm-up: each takes seconds
        started = time.perf_counter()
        case()
        base.append((time.perf_counter() - started) * 1000 * scale)
    note = f" (×{scale}, sur 1/{scale} des personnes)" if scale > 1 else ""
    speed_up = statistics.median(base) / statistics.median(ours)
    return [
        Measure(
            f"{label}, p50",
            f"{statistics.median(ours):.1f} ms",
            baseline=f"{statistics.median(base):.0f} ms{note}",
        ),
        Measure(
            f"{label}, p95",
            f"{p95(ours):.1f} ms",
            baseline=f"accélération ×{speed_up:.0f}",
            target=f"< {target_ms} ms" if target_ms else "",
            met=None if target_ms is None else p95(ours) < target_ms,
        ),
        # The machine is shared: the processor time says what the code costs.
        Measure(
            f"{label}, p95 en temps processeur",
            f"{p95(cpu):.1f} ms",
            target=f"< {target_ms} ms" if target_ms else "",
            met=None if target_ms is None else p95(cpu) < target_ms,
        ),
    ]


# --- the straightforward loops --------------------------------------------------------


def _naive_candidates(persons, offers, vocabulary, offer_row, today):
    """Person by person: within their horizon of the workplace? linked to the job? then
    the pair's evaluation."""
    family = int(offers.family[offer_row])
    ox, oy, oz = (float(v) for v in offers.xyz[offer_row])
    found = []
    for row in range(len(persons)):
        x, y, z = (float(v) for v in persons.xyz[row])
        radius = float(persons.radius_km[row])
        horizon = max(HORIZON_KM, 2 * (DEFAULT_RADIUS_KM if radius != radius else radius))
        if (x - ox) ** 2 + (y - oy) ** 2 + (z - oz) ** 2 > (horizon / EARTH_RADIUS_KM) ** 2:
            continue
        wishes = [int(f) for f in persons.wish_family[row] if f >= 0]
        past = [int(f) for f in persons.past_family[row] if f >= 0]
        if not (
            any(f == family or vocabulary.related[f, family] for f in wishes) or family in past
        ):
            continue
        found.append(engine.pair(persons, offers, vocabulary, row, offer_row, today=today))
    found.sort(key=lambda p: (TIERS.index(p.feasibility), -p.score, p.person_id))
    return found[:LIMIT]


def _naive_offers(persons, offers, vocabulary, person_row, today):
    """Offer by offer: published and within the person's horizon? then the pair's
    evaluation."""
    x, y, z = (float(v) for v in persons.xyz[person_row])
    radius = float(persons.radius_km[person_row])
    horizon = max(HORIZON_KM, 2 * (DEFAULT_RADIUS_KM if radius != radius else radius))
    found = []
    for row in range(len(offers)):
        ox, oy, oz = (float(v) for v in offers.xyz[row])
        if (
            not offers.published[row]
            or (x - ox) ** 2 + (y - oy) ** 2 + (z - oz) ** 2 > (horizon / EARTH_RADIUS_KM) ** 2
        ):
            continue
        found.append(engine.pair(persons, offers, vocabulary, person_row, row, today=today))
    found.sort(key=lambda p: (TIERS.index(p.feasibility), -p.score, p.offer_id))
    return found[:LIMIT]


def _slice(people, size):
    return a.PersonArrays(**{k: v[:size] for k, v in vars(people).items()})


# --- data ------------------------------------------------------------------------------


def _reference():
    if not Commune.objects.filter(latitude__isnull=False).exists():
        load_reference_data()
    rows = list(
        Commune.objects.filter(latitude__isnull=False)
        .exclude(department__code__startswith="97")
        .order_by("code")
        .values_list("latitude", "longitude", "population", "code")
    )
    communes = [(lat, lon, code) for lat, lon, _, code in rows]
    weights = np.array([max(p, 1) for _, _, p, _ in rows], dtype=np.float64)
    jobs = list(Appellation.objects.order_by("code").values_list("code", "rome_id"))
    return communes, weights / weights.sum(), jobs


def _popular_jobs(np_rng, count):
    """The jobs people want and offers name, the first far more often (Zipf-like)."""
    chosen = np_rng.choice(count, size=min(POPULAR, count), replace=False)
    weights = 1 / (np.arange(len(chosen)) + 10)
    return chosen, weights / weights.sum()


def _synthetic_persons(np_rng, n, xyz, weights, popular, family_of_job, today):
    jobs, job_weights = popular
    wish_job = np_rng.choice(jobs, size=(n, a.WISHES), p=job_weights).astype(np.int32)
    wish_count = np_rng.integers(1, 4, size=n)
    wish_job[np.arange(a.WISHES)[None, :] >= wish_count[:, None]] = -1
    wish_family = np.where(wish_job >= 0, family_of_job[np.maximum(wish_job, 0)], -1)
    past = family_of_job[np_rng.choice(jobs, size=(n, a.EXPERIENCES), p=job_weights)]
    past[np_rng.random((n, a.EXPERIENCES)) < 0.6] = -1
    barrier = np_rng.random((n, len(a.BARRIERS))) < 0.04
    status = np_rng.random((n, len(a.BARRIERS))) < 0.5
    bits = (1 << np.arange(len(a.BARRIERS))).astype(np.uint16)
    intro_days = np_rng.integers(today - 90, today, size=(n, a.RECENT_INTRODUCTIONS))
    intro_days[np_rng.random((n, a.RECENT_INTRODUCTIONS)) < 0.8] = a.NO_DAY
    return a.PersonArrays(
        ids=np.arange(1, n + 1, dtype=np.int64),
        xyz=xyz[np_rng.choice(len(xyz), size=n, p=weights)],
        radius_km=np_rng.choice(
            np.array([np.nan, 5, 10, 15, 20, 30, 50], dtype=np.float32), size=n
        ),
        modes=np_rng.integers(0, 16, size=n, dtype=np.uint8),
        licence=np_rng.integers(0, 5, size=n, dtype=np.uint8),
        has_vehicle=np_rng.random(n) < 0.5,
        limits=np.where(np_rng.random(n) < 0.3, np_rng.integers(0, 16, size=n), 0).astype(np.uint8),
        contracts=np.where(np_rng.random(n) < 0.5, np_rng.integers(0, 256, size=n), 0).astype(
            np.uint8
        ),
        hours=np_rng.choice(np.array([0, 20, 24, 28, 35], dtype=np.uint8), size=n),
        available_day=np.where(
            np_rng.random(n) < 0.7, a.NO_DAY, today + np_rng.integers(0, 90, size=n)
        ).astype(np.int32),
        wish_job=wish_job,
        wish_family=wish_family.astype(np.int16),
        past_family=past.astype(np.int16),
        blocked=((barrier & ~status) * bits).sum(axis=1).astype(np.uint16),
        lifting=((barrier & status) * bits).sum(axis=1).astype(np.uint16),
        pass_end_day=np.where(
            np_rng.random(n) < 0.3, today + np_rng.integers(-30, 700, size=n), a.NO_DAY
        ).astype(np.int32),
        pathway_day=(today - np_rng.integers(0, 700, size=n)).astype(np.int32),
        last_introduction_day=intro_days.max(axis=1).astype(np.int32),
        recent_introduction_days=intro_days.astype(np.int32),
    )


def _synthetic_offers(np_rng, n, xyz, weights, popular, family_of_job, today):
    jobs, job_weights = popular
    job = np_rng.choice(jobs, size=n, p=job_weights).astype(np.int32)
    return a.OfferArrays(
        ids=np.arange(1, n + 1, dtype=np.int64),
        xyz=xyz[np_rng.choice(len(xyz), size=n, p=weights)],
        job=job,
        family=family_of_job[job].astype(np.int16),
        schedules=np.where(np_rng.random(n) < 0.6, a.DAY, np_rng.integers(1, 64, size=n)).astype(
            np.uint8
        ),
        hours=np_rng.choice(np.array([0, 20, 24, 35, 39], dtype=np.uint8), size=n),
        physical=np.where(np_rng.random(n) < 0.6, 0, np_rng.integers(0, 64, size=n)).astype(
            np.uint8
        ),
        licence_required=np_rng.random(n) < 0.2,
        vehicle_required=np_rng.random(n) < 0.1,
        transit=np_rng.integers(0, 4, size=n, dtype=np.uint8),
        written_french=np_rng.random(n) < 0.1,
        contract=np_rng.integers(0, len(a.CONTRACTS), size=n, dtype=np.uint8),
        start_day=np.where(
            np_rng.random(n) < 0.5, a.NO_DAY, today + np_rng.integers(0, 60, size=n)
        ).astype(np.int32),
        positions=np_rng.integers(1, 4, size=n, dtype=np.uint8),
        open_introductions=np_rng.integers(0, 6, size=n, dtype=np.uint16),
        published=np.ones(n, dtype=bool),
    )


def _build_database(rng, communes, weights, jobs) -> list[int]:
    """10,000 people with their wishes, barriers and pathway; 2,000 published offers.
    Bulk inserts: no audit trail, it measures reads."""
    existing = list(
        JobOffer.objects.filter(title__startswith="Bench matching").values_list("pk", flat=True)
    )
    if existing:
        return existing
    commune_codes = [code for _, _, code in communes]
    popular = rng.sample(range(len(jobs)), k=min(POPULAR, len(jobs)))
    job_weights = [1 / (i + 10) for i in range(len(popular))]
    items = {i.code: i for i in BarrierItem.objects.filter(code__in=[b.code for b in a.BARRIERS])}
    coordinates = {code: (lat, lon) for lat, lon, code in communes}
    today = date.today()
    with transaction.atomic():
        holder = Organization.objects.create(
            name="Bench matching — ACI",
            kind=OrganizationKind.ACI,
            siret=with_check_digit("9810000000001"),
            commune_id=commune_codes[0],
        )
        company = Company.objects.create(
            siret=with_check_digit("9810000000002"),
            name="Bench matching — entreprise",
            commune_id=commune_codes[0],
        )
        user = get_user_model().objects.create(email="bench.matching@exemple.fr")
        places = rng.choices(commune_codes, weights=weights, k=DB_PERSONS + DB_OFFERS)
        persons = []
        for n in range(DB_PERSONS):
            persons.append(
                Person(
                    first_name="Bench",
                    last_name=f"Personne {n}",
                    search_name=f"bench personne {n}",
                    commune_id=places[n],
                    max_travel_km=rng.choice([None, 5, 10, 15, 20, 30, 50]),
                    moves_by_car=rng.random() < 0.5,
                    moves_by_public_transport=rng.random() < 0.5,
                    moves_by_bike=rng.random() < 0.2,
                    moves_on_foot=rng.random() < 0.3,
                    driving_licence=rng.choice(["", "none", "in_progress", "B", "suspended"]),
                    has_vehicle=rng.random() < 0.5,
                    no_nights=rng.random() < 0.2,
                    no_weekends=rng.random() < 0.2,
                    wanted_contract_types=rng.sample(ContractType.values, k=rng.randint(0, 3)),
                    wanted_hours_per_week=rng.choice([None, 20, 24, 35]),
                    available_from=rng.choice([None, today + timedelta(days=rng.randint(0, 60))]),
                    created_by_organization=holder,
                )
            )
        for start in range(0, len(persons), BATCH):
            Person.objects.bulk_create(persons[start : start + BATCH])
        wishes, barriers, pathways = [], [], []
        for person in persons:
            for rank, job in enumerate(
                rng.choices(popular, weights=job_weights, k=rng.randint(1, 3)), start=1
            ):
                wishes.append(Wish(person=person, appellation_id=jobs[job][0], rank=rank))
            for item in items.values():
                if rng.random() < 0.04:
                    status = rng.choice([BarrierStatus.IDENTIFIED, BarrierStatus.BEING_LIFTED])
                    barriers.append(PersonBarrier(person=person, item=item, status=status))
            pathways.append(
                Pathway(
                    person=person,
                    organization=holder,
                    kind=rng.choice(PathwayKind.values),
                    state=PathwayState.ACTIVE,
                    started_on=today - timedelta(days=rng.randint(0, 700)),
                    pass_end=today + timedelta(days=rng.randint(-30, 700)),
                )
            )
        for rows in (wishes, barriers, pathways):
            for start in range(0, len(rows), BATCH):
                type(rows[0]).objects.bulk_create(rows[start : start + BATCH])
        offers = []
        now = timezone.now()
        for n in range(DB_OFFERS):
            code = places[DB_PERSONS + n]
            job = jobs[rng.choices(popular, weights=job_weights)[0]][0]
            offers.append(
                JobOffer(
                    organization=holder,
                    company=company,
                    appellation_id=job,
                    commune_id=code,
                    **board_place(*coordinates[code]),
                    tasks="Missions du poste",
                    schedule_patterns=rng.sample(SchedulePattern.values, k=rng.randint(1, 2)),
                    physical_demands=rng.sample(PhysicalDemand.values, k=rng.randint(0, 2)),
                    driving_licence_required=rng.random() < 0.2,
                    vehicle_required=rng.random() < 0.1,
                    written_french_required=rng.random() < 0.15,
                    public_transport=rng.choice(["", *PublicTransport.values]),
                    contract_type=rng.choice(ContractType.values),
                    hours_per_week=rng.choice([None, 24, 35]),
                    title=f"Bench matching {n}",
                    text="Texte de l'offre",
                    state=OfferState.PUBLISHED,
                    published_at=now,
                    created_by=user,
                )
            )
        JobOffer.objects.bulk_create(offers)
    return list(
        JobOffer.objects.filter(title__startswith="Bench matching").values_list("pk", flat=True)
    )
