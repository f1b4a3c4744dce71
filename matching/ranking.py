"""Ranking: every component for many pairs at once, a score, a verdict; then the best
pairs, each explained. Two directions: the people for an offer, the offers for a
person."""

from dataclasses import dataclass

import numpy as np

from matching import components as c
from matching import explain
from matching.arrays import OfferArrays, PersonArrays, Vocabulary
from matching.feasibility import TIERS, lifting_codes, lifting_text, reasons, tiers


@dataclass(frozen=True)
class Component:
    name: str
    score: float
    explanation: str
    sensitive: bool = False  # names a family or health barrier: the accompanying team only


@dataclass(frozen=True)
class Pair:
    person_id: int
    offer_id: int
    score: float
    feasibility: str  # feasible, feasible_if, not_feasible
    components: tuple[Component, ...]
    lifting: tuple[str, ...]  # barrier item codes whose lifting makes it feasible
    lifting_label: str  # « si solution de garde »
    reasons: tuple[str, ...]  # why it is not feasible
    sensitive_reasons: tuple[bool, ...]  # for each reason: it names a sensitive barrier

    @property
    def reason(self) -> str:
        return " ; ".join(self.reasons)


@dataclass
class Evaluation:
    """Every component of the pairs (arrays aligned on the pairs)."""

    person_rows: np.ndarray
    offer_rows: np.ndarray
    score: np.ndarray
    tier: np.ndarray
    parts: dict
    details: dict


def evaluate(persons, offers, vocab: Vocabulary, person_rows, offer_rows, today: int):
    """All components for the pairs (person_rows[i], offer_rows[i]); either may be a
    single row (broadcast)."""
    p = c.gather(persons, person_rows)
    o = c.gather(offers, offer_rows)
    job, level, rank = c.job_fit(p, o, vocab.related)
    distance = c.distance_km(p, o)
    reach, radius, needs_transit = c.reach(p, o, distance)
    schedule = c.schedule(p, o, o.hours)
    licence = c.licence(p, o)
    physical = c.physical(p, o)
    french = c.written_french(p, o)
    available, late = c.availability(p, o, today)
    contract, wanted, hours_gap = c.contract(p, o)
    priority, pass_left, waiting = c.priority(p, today)
    fairness, recent = c.fairness(p, o, today)
    parts = {
        "metier": job,
        "trajet": reach,
        "horaires": schedule,
        "permis": licence,
        "physique": physical,
        "francais": french,
        "disponibilite": available,
        "contrat": contract,
        "priorite": priority,
        "equite": fairness,
    }
    score = sum(np.float32(c.WEIGHTS[name]) * part.score for name, part in parts.items())
    hard = blocked = lifting = np.uint16(0)
    for part in parts.values():
        hard = hard | part.hard
        blocked = blocked | part.blocked
        lifting = lifting | part.lifting
    details = {
        "level": level,
        "rank": rank,
        "distance": distance,
        "radius": radius,
        "needs_transit": needs_transit,
        "late": late,
        "wanted": wanted,
        "hours_gap": hours_gap,
        "pass_left": pass_left,
        "waiting": waiting,
        "recent": recent,
        "hard": hard,
        "blocked": blocked,
        "lifting": lifting,
    }
    return Evaluation(
        np.asarray(person_rows),
        np.asarray(offer_rows),
        np.clip(score, 0, 1).astype(np.float32),
        tiers(hard, blocked, lifting),
        parts,
        details,
    )


def _at(value, i):
    value = np.asarray(value)
    return value.item() if value.ndim == 0 else value[i].item()


def describe(persons, offers, vocab, evaluation: Evaluation, i: int) -> Pair:
    """The pair at position i of an evaluation, explained."""
    e, d = evaluation, evaluation.details
    pr = _at(e.person_rows, i)
    orow = _at(e.offer_rows, i)
    parts = e.parts

    def part(name, key):
        return int(_at(getattr(parts[name], key), i))

    def bits(name):
        return part(name, "hard"), part(name, "blocked"), part(name, "lifting")

    level, rank = _at(d["level"], i), _at(d["rank"], i)
    wished = persons.wish_job[pr, rank] if level > c.JOB_PAST else -1
    texts = {
        "metier": (explain.job(level, rank, vocab.jobs[wished] if wished >= 0 else ""), False),
        "trajet": (
            explain.reach(
                _at(d["distance"], i),
                _at(d["radius"], i),
                bool(_at(d["needs_transit"], i)),
                int(offers.transit[orow]),
                part("trajet", "hard"),
            ),
            False,
        ),
        "horaires": explain.schedule(*bits("horaires"), int(offers.schedules[orow])),
        "permis": explain.licence(
            *bits("permis"),
            bool(offers.licence_required[orow] or offers.vehicle_required[orow]),
            int(persons.licence[pr]) == 0,
        ),
        "physique": explain.physical(*bits("physique")[1:], int(offers.physical[orow])),
        "francais": explain.french(*bits("francais")[1:], bool(offers.written_french[orow])),
        "disponibilite": (explain.availability(_at(d["late"], i)), False),
        "contrat": (
            explain.contract(
                bool(_at(d["wanted"], i)),
                _at(d["hours_gap"], i),
                int(offers.contract[orow]),
                int(persons.contracts[pr]) == 0,
            ),
            False,
        ),
        "priorite": (explain.priority(_at(d["pass_left"], i), _at(d["waiting"], i)), False),
        "equite": (
            explain.fairness(_at(d["recent"], i), int(offers.open_introductions[orow])),
            False,
        ),
    }
    components = tuple(
        Component(name, round(_at(parts[name].score, i), 3), text, sensitive)
        for name, (text, sensitive) in texts.items()
    )
    hard, blocked, lifting = _at(d["hard"], i), _at(d["blocked"], i), _at(d["lifting"], i)
    tier = TIERS[_at(e.tier, i)]
    found = reasons(
        hard,
        blocked,
        {
            "distance_km": _at(d["distance"], i),
            "radius_km": _at(d["radius"], i),
            "late_days": _at(d["late"], i),
        },
    )
    lift_label, _ = lifting_text(lifting) if tier == "feasible_if" else ("", False)
    return Pair(
        person_id=int(persons.ids[pr]),
        offer_id=int(offers.ids[orow]),
        score=round(_at(e.score, i), 3),
        feasibility=tier,
        components=components,
        lifting=lifting_codes(lifting) if tier == "feasible_if" else (),
        lifting_label=lift_label,
        reasons=tuple(text for text, _ in found) if tier == "not_feasible" else (),
        sensitive_reasons=tuple(s for _, s in found) if tier == "not_feasible" else (),
    )


def _best(evaluation: Evaluation, limit: int, feasibility: str | None, keep) -> np.ndarray:
    """Positions of the best pairs: feasible first, then feasible_if, then not
    feasible; by score within each; the lower id first at equal score."""
    mask = keep.copy()
    if feasibility:
        mask &= evaluation.tier == TIERS.index(feasibility)
    positions = np.flatnonzero(mask)
    key = evaluation.tier[positions] * 2.0 + (1.0 - evaluation.score[positions])
    if len(positions) > limit:
        cut = np.argpartition(key, limit - 1)[:limit]
        positions, key = positions[cut], key[cut]
    return positions[np.lexsort((positions, key))]


def job_candidates(persons: PersonArrays, vocab: Vocabulary, job: int, family: int) -> np.ndarray:
    """Rows of the people with any link to the job: a wish of it, of its family or of a
    close family, or a past job of its family. A table lookup per wish column, then the
    full evaluation on those rows only."""
    linked_family = vocab.related[:, family].copy()
    linked_family[family] = True
    table = np.append(linked_family, False)  # index -1 (no wish) reads False
    found = np.zeros(len(persons), dtype=bool)
    for k in range(persons.wish_family.shape[1]):
        found |= table[persons.wish_family[:, k]]
    for k in range(persons.past_family.shape[1]):
        found |= persons.past_family[:, k] == family
    return np.flatnonzero(found)


def candidates_for_offer(
    persons: PersonArrays,
    offers: OfferArrays,
    vocab: Vocabulary,
    offer_row: int,
    *,
    today: int,
    limit: int = 50,
    feasibility: str | None = None,
    among: np.ndarray | None = None,
    excluded: np.ndarray | None = None,
) -> list[Pair]:
    """The best people for the offer. `among`: a boolean mask of the people the caller
    may rank (None: all); `excluded`: rows already introduced to, declined for or hired
    on this offer, left out."""
    rows = job_candidates(persons, vocab, int(offers.job[offer_row]), int(offers.family[offer_row]))
    if among is not None:
        rows = rows[among[rows]]
    if excluded is not None and len(excluded):
        rows = rows[~np.isin(rows, excluded)]
    evaluation = evaluate(persons, offers, vocab, rows, offer_row, today)
    best = _best(evaluation, limit, feasibility, np.ones(len(rows), dtype=bool))
    return [describe(persons, offers, vocab, evaluation, int(i)) for i in best]


# The offers shown to a person lie within twice their radius, and at least this far:
# beyond their reach but near enough to tell them what a licence or a bus would open.
HORIZON_KM = 30.0


def _within_horizon(persons, offers, person_row: int) -> np.ndarray:
    """Offers within the horizon, from the chord alone (no trigonometry per offer);
    every offer when the person's commune is unknown."""
    home = persons.xyz[person_row]
    if np.isnan(home).any():
        return np.ones(len(offers), dtype=bool)
    radius = persons.radius_km[person_row]
    horizon = max(HORIZON_KM, 2 * (c.DEFAULT_RADIUS_KM if np.isnan(radius) else float(radius)))
    chord = 2 * np.sin(min(horizon / c.EARTH_RADIUS_KM, np.pi) / 2)
    squared = ((offers.xyz - home) ** 2).sum(axis=1)
    return ~(squared > chord * chord)  # an offer without coordinates (NaN) stays


def offers_for_person(
    persons: PersonArrays,
    offers: OfferArrays,
    vocab: Vocabulary,
    person_row: int,
    *,
    today: int,
    limit: int = 50,
    feasibility: str | None = None,
    among: np.ndarray | None = None,
    excluded: np.ndarray | None = None,
) -> list[Pair]:
    """The best offers for the person within the horizon, among published ones (or
    `among`, a boolean mask of the offers the caller may see); `excluded`: offers the
    person was already
    introduced to. Offers without a link to the person's wishes are ranked too, after
    the others (the job fit weighs most): the counsellor sees why."""
    allowed = offers.published if among is None else among
    rows = np.flatnonzero(allowed & _within_horizon(persons, offers, person_row))
    if excluded is not None and len(excluded):
        rows = rows[~np.isin(rows, excluded)]
    evaluation = evaluate(persons, offers, vocab, person_row, rows, today)
    best = _best(evaluation, limit, feasibility, np.ones(len(rows), dtype=bool))
    return [describe(persons, offers, vocab, evaluation, int(i)) for i in best]


def pair(persons, offers, vocab, person_row: int, offer_row: int, *, today: int) -> Pair:
    """One pair, evaluated and explained."""
    evaluation = evaluate(
        persons, offers, vocab, np.array([person_row]), np.array([offer_row]), today
    )
    return describe(persons, offers, vocab, evaluation, 0)
