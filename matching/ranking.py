"""Ranking: every component for many pairs at once, a score, a verdict; then the best
pairs, each explained. Two directions: the people for an offer, the offers for a
person."""

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from matching import components as c
from matching import explain
from matching.arrays import OfferArrays, PersonArrays, Vocabulary
from matching.feasibility import (
    NOT_FEASIBLE,
    TIERS,
    lifting_codes,
    lifting_text,
    reasons,
    tiers,
)
from matching.index import FamilyIndex

# A pair is ranked when the person is within twice their radius of the workplace, and
# at least this far: beyond their reach but near enough to show what a licence or a bus
# would open.
HORIZON_KM = 30.0


class Component(NamedTuple):
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


def _column(value, positions) -> list:
    """The values at `positions` as Python scalars (a broadcast scalar repeated)."""
    value = np.asarray(value)
    if value.ndim == 0:
        return [value.item()] * len(positions)
    return value[positions].tolist()


def rounded(score) -> np.ndarray:
    """Scores as shown (three decimals): the ranking orders by these, so that two
    pairs shown with the same score come by id."""
    return np.round(np.asarray(score, dtype=np.float64), 3)


def describe(persons, offers, vocab, evaluation: Evaluation, positions) -> list[Pair]:
    """The pairs at `positions` of an evaluation, explained: every value they need is
    taken from the arrays in one go, then the words are put together pair by pair."""
    positions = np.asarray(positions, dtype=np.int64)
    e, d = evaluation, evaluation.details
    col = {key: _column(value, positions) for key, value in d.items()}
    for name, part in e.parts.items():
        for key in ("score", "hard", "blocked", "lifting"):
            col[name, key] = _column(getattr(part, key), positions)
    person_rows = np.asarray(_column(e.person_rows, positions), dtype=np.int64)
    offer_rows = np.asarray(_column(e.offer_rows, positions), dtype=np.int64)
    shown = rounded(e.score[positions]).tolist() if len(positions) else []
    tier = _column(e.tier, positions)
    person = {
        "id": persons.ids[person_rows].tolist(),
        "wish_job": persons.wish_job[person_rows].tolist(),
        "licence": persons.licence[person_rows].tolist(),
        "contracts": persons.contracts[person_rows].tolist(),
    }
    offer = {
        name: getattr(offers, name)[offer_rows].tolist()
        for name in (
            "ids",
            "transit",
            "schedules",
            "licence_required",
            "vehicle_required",
            "physical",
            "written_french",
            "contract",
            "open_introductions",
        )
    }
    pairs = []
    for i in range(len(positions)):

        def bits(name, i=i):
            return col[name, "hard"][i], col[name, "blocked"][i], col[name, "lifting"][i]

        level, rank = col["level"][i], col["rank"][i]
        wished = person["wish_job"][i][rank] if level > c.JOB_PAST else -1
        texts = {
            "metier": (explain.job(level, rank, vocab.jobs[wished] if wished >= 0 else ""), False),
            "trajet": (
                explain.reach(
                    col["distance"][i],
                    col["radius"][i],
                    col["needs_transit"][i],
                    offer["transit"][i],
                    col["trajet", "hard"][i],
                ),
                False,
            ),
            "horaires": explain.schedule(*bits("horaires"), offer["schedules"][i]),
            "permis": explain.licence(
                *bits("permis"),
                offer["licence_required"][i] or offer["vehicle_required"][i],
                person["licence"][i] == 0,
            ),
            "physique": explain.physical(*bits("physique")[1:], offer["physical"][i]),
            "francais": explain.french(*bits("francais")[1:], offer["written_french"][i]),
            "disponibilite": (explain.availability(col["late"][i]), False),
            "contrat": (
                explain.contract(
                    col["wanted"][i],
                    col["hours_gap"][i],
                    offer["contract"][i],
                    person["contracts"][i] == 0,
                ),
                False,
            ),
            "priorite": (explain.priority(col["pass_left"][i], col["waiting"][i]), False),
            "equite": (
                explain.fairness(col["recent"][i], offer["open_introductions"][i]),
                False,
            ),
        }
        components = tuple(
            Component(name, round(col[name, "score"][i], 3), text, sensitive)
            for name, (text, sensitive) in texts.items()
        )
        hard, blocked, lifting = col["hard"][i], col["blocked"][i], col["lifting"][i]
        verdict = TIERS[tier[i]]
        found = (
            reasons(
                hard,
                blocked,
                {
                    "distance_km": col["distance"][i],
                    "radius_km": col["radius"][i],
                    "late_days": col["late"][i],
                },
            )
            if verdict == "not_feasible"
            else []
        )
        lifts = verdict == "feasible_if"
        pairs.append(
            Pair(
                person_id=person["id"][i],
                offer_id=offer["ids"][i],
                score=shown[i],
                feasibility=verdict,
                components=components,
                lifting=lifting_codes(lifting) if lifts else (),
                lifting_label=lifting_text(lifting)[0] if lifts else "",
                reasons=tuple(text for text, _ in found),
                sensitive_reasons=tuple(s for _, s in found),
            )
        )
    return pairs


def _best(evaluation: Evaluation, ids: np.ndarray, limit: int, feasibility: str | None):
    """Positions of the best pairs: feasible first, then feasible_if, then not
    feasible; by score (as shown) within each; the lower id first at equal score.
    `ids`: the person's or the offer's id of each position."""
    positions = np.arange(len(evaluation.score))
    if feasibility:
        positions = positions[evaluation.tier == TIERS.index(feasibility)]
    key = evaluation.tier[positions] * 2.0 + (1.0 - rounded(evaluation.score[positions]))
    if len(positions) > limit:
        # Every pair tied with the last one kept stays in the running: ids decide.
        kth = np.partition(key, limit - 1)[limit - 1]
        inside = key <= kth
        positions, key = positions[inside], key[inside]
    order = np.lexsort((ids[positions], key))
    return positions[order[:limit]]


def _linked(persons: PersonArrays, vocab: Vocabulary, family: int, rows) -> np.ndarray:
    """For each of `rows`, whether the person is linked to the family: a wish of it or of a close
    family, or a past job of it. A table lookup per column."""
    table = np.append(vocab.related[:, family], False)  # index -1 (no wish) reads False
    table[family] = True
    wishes, past = persons.wish_family[rows], persons.past_family[rows]
    found = table[wishes[:, 0]]
    for k in range(1, wishes.shape[1]):
        found |= table[wishes[:, k]]
    for k in range(past.shape[1]):
        found |= past[:, k] == family
    return found


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
    index: FamilyIndex | None = None,
) -> list[Pair]:
    """The best people for the offer, among those linked to its job and within their
    horizon of it (twice their radius, 30 km at least). `among`: a boolean mask of the
    people the caller may rank (None: all); `excluded`: rows already introduced to,
    declined for or hired on this offer, left out; `index`: a FamilyIndex of the
    people (without one, every row is read)."""
    family = int(offers.family[offer_row])
    if index is None:
        rows = np.arange(len(persons))
    else:
        families = [family, *np.flatnonzero(vocab.related[:, family]).tolist()]
        rows = index.rows_for(families, len(persons))
    # The cheapest test first: the place, on three columns.
    squared = _squared_chord(persons.xyz, rows, offers.xyz[offer_row])
    radius = _radius_km(persons.radius_km[rows])
    keep = ~(squared > _chord_limit(np.maximum(HORIZON_KM, 2 * radius)))
    rows, squared, radius = rows[keep], squared[keep], radius[keep]
    keep = np.ones(len(rows), dtype=bool)
    if among is not None:
        keep &= among[rows]
    if excluded is not None and len(excluded):
        keep &= ~np.isin(rows, excluded)
    keep[keep] = _linked(persons, vocab, family, rows[keep])
    rows, near = rows[keep], ~(squared[keep] > _chord_limit(radius[keep]))
    return _rank(
        lambda chosen: evaluate(persons, offers, vocab, chosen, offer_row, today),
        lambda chosen: persons.ids[chosen],
        rows,
        near,
        limit,
        feasibility,
        lambda evaluation, best: describe(persons, offers, vocab, evaluation, best),
    )


def _rank(evaluate_rows, ids_of, rows, near, limit, feasibility, explain_best):
    """Rank `rows`, those within the person's own radius (`near`) first: beyond it a
    pair is never feasible, so when the near ones fill the page with feasible pairs,
    or only feasible ones are asked for, the others need no evaluation."""
    if feasibility != NOT_FEASIBLE and not near.all():
        chosen = rows[near]
        evaluation = evaluate_rows(chosen)
        best = _best(evaluation, ids_of(chosen), limit, feasibility)
        if feasibility or (len(best) == limit and evaluation.tier[best[-1]] < 2):
            return explain_best(evaluation, best)
    evaluation = evaluate_rows(rows)
    return explain_best(evaluation, _best(evaluation, ids_of(rows), limit, feasibility))


def _radius_km(radius):
    return np.where(np.isnan(radius), np.float32(c.DEFAULT_RADIUS_KM), radius)


def _chord_limit(km):
    """A bound on the squared chord of an arc of `km` (the chord is shorter than the
    arc: a little wide; the evaluation decides exactly)."""
    return (km * 1.001 / c.EARTH_RADIUS_KM) ** 2


def _squared_chord(xyz, rows, point) -> np.ndarray:
    x, y, z = (float(v) for v in point)
    if rows is None:
        return (xyz[:, 0] - x) ** 2 + (xyz[:, 1] - y) ** 2 + (xyz[:, 2] - z) ** 2
    return (xyz[rows, 0] - x) ** 2 + (xyz[rows, 1] - y) ** 2 + (xyz[rows, 2] - z) ** 2


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
    person was already introduced to. Offers without a link to the person's wishes are
    ranked too, after the others (the job fit weighs most): the counsellor sees why."""
    allowed = offers.published if among is None else among
    rows = np.flatnonzero(allowed)
    if excluded is not None and len(excluded):
        rows = rows[~np.isin(rows, excluded)]
    home = persons.xyz[person_row]
    if np.isnan(home).any():  # no commune: every offer, none known to be near
        near = np.ones(len(rows), dtype=bool)
    else:
        radius = float(_radius_km(persons.radius_km[person_row]))
        squared = _squared_chord(offers.xyz, rows, home)
        within = ~(squared > _chord_limit(max(HORIZON_KM, 2 * radius)))
        rows, near = rows[within], ~(squared[within] > _chord_limit(radius))
    return _rank(
        lambda chosen: evaluate(persons, offers, vocab, person_row, chosen, today),
        lambda chosen: offers.ids[chosen],
        rows,
        near,
        limit,
        feasibility,
        lambda evaluation, best: describe(persons, offers, vocab, evaluation, best),
    )


def pair(persons, offers, vocab, person_row: int, offer_row: int, *, today: int) -> Pair:
    """One pair, evaluated and explained."""
    evaluation = evaluate(
        persons, offers, vocab, np.array([person_row]), np.array([offer_row]), today
    )
    return describe(persons, offers, vocab, evaluation, [0])[0]
