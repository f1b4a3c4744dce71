"""The territory's needs at scale (`matching.territory.figures`): 1,000,000 people and
100,000 published offers spread over France as the population is (the engine's arrays,
generated with the laws of `bench.matching`), and the figures of one area — an EPCI
(Angers Loire Métropole) and a whole region (Pays de la Loire): the people and offers
of the area found on the arrays, every pair of a person and an offer of a family they
wish judged by the engine, the families counted and the barriers ranked.

Beside it, a straightforward loop over the same data: person by person, the offers of
the area of a family they wish, each pair within reach judged alone (`engine.pair`) and
tallied. It runs over a slice of the area's people and its time is scaled up, which the
label says."""

import statistics
import time
from collections import Counter

import numpy as np
from django.utils import timezone

from bench import Measure
from bench.matching import (
    OFFERS,
    SEED,
    _n,
    _popular_jobs,
    _reference,
    _synthetic_offers,
    _synthetic_persons,
)
from bench.timing import p95
from jobs.models import RomeFamily
from matching import arrays as a
from matching import engine, territory
from matching.components import DEFAULT_RADIUS_KM, EARTH_RADIUS_KM
from territories.models import Commune

PEOPLE = 1_000_000
AREAS = (
    ("EPCI Angers Loire Métropole", {"epci_id": "244900015"}, 20),
    ("Région Pays de la Loire", {"department__region_id": "52"}, 5),
)
TARGET_REGION_MS = 1000  # a page answered within a second for a whole region
BASELINE_PEOPLE = 200  # the loop's slice of the area's people


def run() -> list[Measure]:
    communes, weights, jobs = _reference()
    np_rng = np.random.default_rng(SEED)
    today = a.day_of(timezone.localdate())
    families = list(RomeFamily.objects.order_by("code").values_list("code", flat=True))
    family_index = {code: i for i, code in enumerate(families)}
    family_of_job = np.array([family_index[rome] for _, rome in jobs], dtype=np.int16)
    vocabulary = a.Vocabulary(
        jobs=[code for code, _ in jobs],
        families=families,
        related=np.zeros((len(families), len(families)), dtype=bool),
    )
    xyz = a.unit_vectors([c[0] for c in communes], [c[1] for c in communes])
    position = {code: i for i, (_, _, code) in enumerate(communes)}
    popular = _popular_jobs(np_rng, len(jobs))
    offers = _synthetic_offers(np_rng, OFFERS, xyz, weights, popular, family_of_job, today)
    persons = _synthetic_persons(np_rng, PEOPLE, xyz, weights, popular, family_of_job, today)
    pool = np.zeros(len(persons), dtype=bool)
    pool[np_rng.choice(len(persons), size=5_000, replace=False)] = True

    measures = []
    for label, where, rounds in AREAS:
        codes = Commune.objects.filter(**where).values_list("code", flat=True)
        points = xyz[[position[code] for code in codes if code in position]]

        def figures(points=points):
            person_rows = territory.rows_at(persons.xyz, points)
            offer_rows = territory.rows_at(offers.xyz, points)
            return territory.figures(
                persons, offers, vocabulary, person_rows, offer_rows, pool=pool, today=today
            )

        found = figures()  # warm-up
        wall, cpu = [], []
        for _ in range(rounds):
            started, started_cpu = time.perf_counter(), time.process_time()
            figures()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        person_rows = territory.rows_at(persons.xyz, points)
        offer_rows = territory.rows_at(offers.xyz, points)
        slice_rows = person_rows[:: max(1, len(person_rows) // BASELINE_PEOPLE)]
        scale = len(person_rows) / max(len(slice_rows), 1)
        started = time.perf_counter()
        naive = _naive(persons, offers, vocabulary, slice_rows, offer_rows, today)
        base_ms = (time.perf_counter() - started) * 1000 * scale
        what = (
            f"{label} ({_n(len(person_rows))} personnes, {_n(len(offer_rows))} offres, "
            f"{_n(found.pairs)} paires jugées)"
        )
        target = TARGET_REGION_MS if "Région" in label else None
        measures += [
            Measure(
                f"Besoins du territoire, {what}, p50",
                f"{statistics.median(wall):.0f} ms",
                baseline=f"{base_ms:.0f} ms (×{scale:.0f}, sur {len(slice_rows)} personnes)",
            ),
            Measure(
                f"Besoins du territoire, {label}, p95",
                f"{p95(wall):.0f} ms",
                baseline=f"accélération ×{base_ms / statistics.median(wall):.0f}",
                target=f"< {target} ms" if target else "",
                met=None if target is None else p95(wall) < target,
            ),
            Measure(
                f"Besoins du territoire, {label}, p95 en temps processeur",
                f"{p95(cpu):.0f} ms",
                target=f"< {target} ms" if target else "",
                met=None if target is None else p95(cpu) < target,
            ),
        ]
        # The loop and the arrays count the same introductions on the slice.
        same = naive == _tally(persons, offers, vocabulary, slice_rows, offer_rows, today)
        measures.append(
            Measure(
                f"Besoins du territoire, {label} : boucle et tableaux comptent pareil",
                "oui" if same else f"non ({dict(naive)})",
                met=same,
            )
        )
    return measures


def _naive(persons, offers, vocabulary, person_rows, offer_rows, today) -> Counter:
    """Person by person, offer by offer of a wished family, within the person's radius:
    the pair judged alone; a `feasible_if` waiting for one barrier counted for it."""
    by_family = {}
    for row in offer_rows.tolist():
        by_family.setdefault(int(offers.family[row]), []).append(row)
    tally = Counter()
    for person in person_rows.tolist():
        x, y, z = (float(v) for v in persons.xyz[person])
        radius = float(persons.radius_km[person])
        radius = DEFAULT_RADIUS_KM if radius != radius else radius
        limit = (radius * 1.001 / EARTH_RADIUS_KM) ** 2
        for family in {int(f) for f in persons.wish_family[person] if f >= 0}:
            for row in by_family.get(family, ()):
                ox, oy, oz = (float(v) for v in offers.xyz[row])
                if (x - ox) ** 2 + (y - oy) ** 2 + (z - oz) ** 2 > limit:
                    continue
                pair = engine.pair(persons, offers, vocabulary, person, row, today=today)
                if pair.feasibility == "feasible_if" and len(pair.lifting) == 1:
                    tally[pair.lifting[0]] += 1
    return tally


def _tally(persons, offers, vocabulary, person_rows, offer_rows, today) -> Counter:
    found = territory.figures(
        persons,
        offers,
        vocabulary,
        person_rows,
        offer_rows,
        pool=np.zeros(len(persons), dtype=bool),
        today=today,
    )
    return Counter({b.code: b.introductions for b in found.barriers})
