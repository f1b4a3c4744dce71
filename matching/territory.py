"""The territory as one employer, computed on the engine's arrays (NumPy, no database):
for the people and the published offers of an area, what each job family asks and who
wants it, and which barrier, once lifted, would open the most introductions.

A pair is a person of the area and an offer of the area whose family the person wishes
(the crossing seed 000 calls the « méta-employeur »). The engine judges every pair
(`ranking.evaluate`); a `feasible_if` pair waiting for one barrier only is an
introduction that lifting that barrier opens. Pairs beyond the person's own radius are
never feasible (the distance is a hard reason): they are left out before the engine
runs, which keeps a whole region to a few hundred thousand pairs."""

from dataclasses import dataclass

import numpy as np

from matching.arrays import BARRIER_BIT, BARRIERS, OfferArrays, PersonArrays, Vocabulary
from matching.feasibility import TIERS
from matching.ranking import _chord_limit, _radius_km, evaluate

FEASIBLE_TIER, FEASIBLE_IF_TIER = TIERS.index("feasible"), TIERS.index("feasible_if")
# Pairs the engine judges at once: its temporaries stay within a few hundred MB.
CHUNK = 200_000


@dataclass(frozen=True)
class FamilyFigures:
    family: int  # index in the vocabulary
    offers: int  # published offers of the area
    positions: int  # their positions, summed
    people: int  # people of the area who wish the family
    people_in_pool: int  # of whom the user follows
    feasible: int  # pairs (person × offer of the family) feasible today
    feasible_if: int  # pairs feasible once a barrier being lifted is lifted


@dataclass(frozen=True)
class BarrierFigures:
    code: str  # barrier item code (`matching.arrays.BARRIERS`)
    people: int  # people whose pairs wait for this barrier only
    people_in_pool: int
    introductions: int  # pairs that lifting it alone turns feasible


@dataclass(frozen=True)
class Figures:
    people: int
    offers: int
    positions: int
    pairs: int  # pairs the engine judged
    families: list[FamilyFigures]
    barriers: list[BarrierFigures]  # the most introductions first; none at zero


def _person_families(wish_family: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position, family) for each family a person wishes, each once per person."""
    wishes = np.sort(wish_family.astype(np.int32), axis=1)
    repeated = np.zeros(wishes.shape, dtype=bool)
    repeated[:, 1:] = wishes[:, 1:] == wishes[:, :-1]
    keep = (wishes >= 0) & ~repeated
    position, column = np.nonzero(keep)
    return position, wishes[position, column]


def _pairs(person_rows, person_families, offer_rows, offer_families, families: int):
    """Every (person row, offer row) where the offer's family is one the person wishes:
    a join on the family, by sorting the offers once."""
    position, family = person_families
    order = np.argsort(offer_families, kind="stable")
    sorted_offers = offer_rows[order]
    starts = np.searchsorted(offer_families[order], np.arange(families + 1))
    counts = starts[family + 1] - starts[family]
    total = int(counts.sum())
    people = np.repeat(person_rows[position], counts)
    # For each pair, its rank among the offers of its family: 0, 1, …, count − 1.
    first = np.repeat(np.cumsum(counts) - counts, counts)
    within = np.arange(total, dtype=np.int64) - first
    offers = sorted_offers[np.repeat(starts[family], counts) + within]
    return people, offers


def _within_reach(persons: PersonArrays, offers: OfferArrays, people, jobs) -> np.ndarray:
    """Pairs whose workplace may be within the person's radius (an unknown place is kept:
    the engine says « à préciser »)."""
    delta = persons.xyz[people] - offers.xyz[jobs]
    squared = (delta * delta).sum(axis=1)
    return ~(squared > _chord_limit(_radius_km(persons.radius_km[people])))


def figures(
    persons: PersonArrays,
    offers: OfferArrays,
    vocabulary: Vocabulary,
    person_rows: np.ndarray,
    offer_rows: np.ndarray,
    *,
    pool: np.ndarray,
    today: int,
) -> Figures:
    """The figures of an area: `person_rows` its people, `offer_rows` its published
    offers, `pool` a boolean mask (over every person row) of the people the user follows."""
    person_rows = np.asarray(person_rows, dtype=np.int64)
    offer_rows = np.asarray(offer_rows, dtype=np.int64)
    families = len(vocabulary.families)
    offer_families = offers.family[offer_rows].astype(np.int64)
    known = offer_families >= 0
    offer_rows, offer_families = offer_rows[known], offer_families[known]
    positions = offers.positions[offer_rows].astype(np.int64)

    wished = _person_families(persons.wish_family[person_rows])
    in_pool = pool[person_rows[wished[0]]]
    people_per_family = np.bincount(wished[1], minlength=families)
    pool_per_family = np.bincount(wished[1][in_pool], minlength=families)
    offers_per_family = np.bincount(offer_families, minlength=families)
    positions_per_family = np.bincount(offer_families, weights=positions, minlength=families)

    people, jobs = _pairs(person_rows, wished, offer_rows, offer_families, families)
    near = _within_reach(persons, offers, people, jobs)
    people, jobs = people[near], jobs[near]
    tier = np.empty(len(people), dtype=np.int8)
    lifting = np.empty(len(people), dtype=np.uint16)
    for start in range(0, len(people), CHUNK):
        part = slice(start, start + CHUNK)
        judged = evaluate(persons, offers, vocabulary, people[part], jobs[part], today)
        tier[part] = judged.tier
        lifting[part] = np.broadcast_to(judged.details["lifting"], tier[part].shape)
    pair_family = offers.family[jobs].astype(np.int64)
    feasible = np.bincount(pair_family[tier == FEASIBLE_TIER], minlength=families)
    conditional = tier == FEASIBLE_IF_TIER
    feasible_if = np.bincount(pair_family[conditional], minlength=families)

    shown = np.flatnonzero((people_per_family > 0) | (offers_per_family > 0))
    family_figures = [
        FamilyFigures(
            family=int(f),
            offers=int(offers_per_family[f]),
            positions=int(positions_per_family[f]),
            people=int(people_per_family[f]),
            people_in_pool=int(pool_per_family[f]),
            feasible=int(feasible[f]),
            feasible_if=int(feasible_if[f]),
        )
        for f in shown
    ]
    family_figures.sort(key=lambda f: (-f.positions, -f.people, vocabulary.families[f.family]))

    barrier_figures = []
    waiting_people, waiting_bits = people[conditional], lifting[conditional]
    for barrier in BARRIERS:
        alone = waiting_bits == BARRIER_BIT[barrier.code]
        if not alone.any():
            continue
        who = np.unique(waiting_people[alone])
        barrier_figures.append(
            BarrierFigures(
                code=barrier.code,
                people=len(who),
                people_in_pool=int(pool[who].sum()),
                introductions=int(alone.sum()),
            )
        )
    barrier_figures.sort(key=lambda b: (-b.introductions, -b.people, b.code))
    return Figures(
        people=len(person_rows),
        offers=len(offer_rows),
        positions=int(positions.sum()),
        pairs=len(people),
        families=family_figures,
        barriers=barrier_figures,
    )


def rows_at(xyz: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The rows whose point is exactly one of `points` (the unit vectors of an area's
    communes, computed as the feature store computes a person's): a bounding sphere
    narrows the rows on three columns, then the three coordinates are compared bit for
    bit."""
    if len(points) == 0 or len(xyz) == 0:
        return np.empty(0, dtype=np.int64)
    points = np.ascontiguousarray(points, dtype=np.float32)
    centre = points.mean(axis=0)
    reach = float(((points - centre) ** 2).sum(axis=1).max()) * 1.0001 + 1e-12
    squared = ((xyz - centre) ** 2).sum(axis=1)
    near = np.flatnonzero(squared <= reach)
    key = np.dtype((np.void, 12))
    found = np.isin(np.ascontiguousarray(xyz[near]).view(key).ravel(), points.view(key).ravel())
    return near[found]
