"""The components of a match, computed for many pairs at once (NumPy broadcasting: one
offer against many people, or one person against many offers).

Each component gives a score in [0, 1] per pair and says what stands in the way:
`hard`, reasons that are no barrier (a limit the person set, a distance, no licence);
`blocked`, barriers identified and not worked on; `lifting`, barriers being lifted.
`matching.feasibility` turns those into a verdict, `matching.explain` into words."""

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from matching import arrays as a

# The mean Earth radius of `lib.geo` (which imports Django: the engine does not).
EARTH_RADIUS_KM = 6371.0088
# A radius nobody gave: what a counsellor assumes of someone without a car.
DEFAULT_RADIUS_KM = 15.0
# Within these, no transport is needed.
WALKING_KM, CYCLING_KM = 2.0, 8.0
# Starting later than the offer by more than this is a conflict.
LATE_START_DAYS = 30
# « This month » for fairness: introductions of the last 30 days.
RECENT_DAYS = 30
PASS_ENDING_DAYS = 90
LONG_WAIT_DAYS = 180

# Hard reasons (no barrier noted), one bit each.
TOO_FAR = 1
NOT_SERVED = 2
NO_LICENCE = 4
LICENCE_SUSPENDED = 8
NO_VEHICLE = 16
OWN_NIGHTS = 32
OWN_WEEKENDS = 64
OWN_EARLY = 128
OWN_SPLIT = 256
LATE_START = 512

# The components, in the order they are shown, with their weight in the score.
WEIGHTS = {
    "metier": 0.30,
    "trajet": 0.15,
    "horaires": 0.10,
    "permis": 0.05,
    "physique": 0.05,
    "francais": 0.05,
    "disponibilite": 0.08,
    "contrat": 0.07,
    "priorite": 0.08,
    "equite": 0.07,
}
assert abs(sum(WEIGHTS.values()) - 1) < 1e-9

# Job fit levels
JOB_NONE, JOB_PAST, JOB_RELATED, JOB_FAMILY, JOB_WISHED = range(5)
_LEVEL_SCORE = np.array([0.0, 0.35, 0.5, 0.75, 1.0], dtype=np.float32)
RANK_STEP = np.float32(0.05)  # each later wish counts a little less


@dataclass
class Part:
    score: np.ndarray
    hard: np.ndarray | int = 0
    blocked: np.ndarray | int = 0
    lifting: np.ndarray | int = 0


def gather(columns, rows) -> SimpleNamespace:
    """The columns of `rows` (an index array, or one index: then scalars)."""
    return SimpleNamespace(
        **{name: value[rows] for name, value in vars(columns).items() if name != "nbytes"}
    )


def _bits(flag, bit):
    return np.where(flag, np.uint16(bit), np.uint16(0))


def _barrier(p, code, conflict):
    """Where `conflict` holds and the person has barrier `code`: blocked if identified,
    lifting if being lifted."""
    bit = np.uint16(a.BARRIER_BIT[code])
    blocked = np.where(conflict & ((p.blocked & bit) != 0), bit, np.uint16(0))
    lifting = np.where(conflict & ((p.lifting & bit) != 0), bit, np.uint16(0))
    return blocked, lifting


# --- job fit ----------------------------------------------------------------------------


def job_fit(p, o, related: np.ndarray):
    """A wished appellation > the same ROME family > a close family (official
    mobility) > a past job of that family; a later wish counts a little less. Returns
    the Part, the level reached and the rank of the wish that reached it."""
    wished = p.wish_job >= 0
    job = np.asarray(o.job)[..., None]
    family = np.asarray(o.family)[..., None]
    level = np.where(
        wished & (p.wish_job == job),
        JOB_WISHED,
        np.where(
            wished & (p.wish_family == family),
            JOB_FAMILY,
            np.where(
                wished & related[np.maximum(p.wish_family, 0), family],
                JOB_RELATED,
                JOB_NONE,
            ),
        ),
    )
    ranks = np.arange(level.shape[-1], dtype=np.float32)
    per_wish = np.where(level > JOB_NONE, _LEVEL_SCORE[level] - RANK_STEP * ranks, 0)
    best = per_wish.argmax(axis=-1)
    score = np.take_along_axis(per_wish, best[..., None], axis=-1)[..., 0]
    best_level = np.take_along_axis(level, best[..., None], axis=-1)[..., 0]
    past = ((p.past_family >= 0) & (p.past_family == family)).any(axis=-1)
    use_past = past & (score < _LEVEL_SCORE[JOB_PAST])
    score = np.where(use_past, _LEVEL_SCORE[JOB_PAST], score).astype(np.float32)
    best_level = np.where(use_past, JOB_PAST, best_level)
    return Part(score), best_level, best


# --- reach ------------------------------------------------------------------------------


def distance_km(p, o):
    """Great-circle distance from the chord between unit vectors (NaN when a commune
    has no coordinates)."""
    delta = p.xyz - o.xyz
    chord = np.sqrt(delta[..., 0] ** 2 + delta[..., 1] ** 2 + delta[..., 2] ** 2)
    return (2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(chord / 2, 1))).astype(np.float32)


def transit_only(p):
    """Moves by public transport and not by car, or has that barrier open."""
    bit = np.uint16(a.BARRIER_BIT["mobilite-transports-en-commun"])
    flagged = ((p.modes & a.TRANSIT) != 0) & ((p.modes & a.CAR) == 0)
    return flagged | (((p.blocked | p.lifting) & bit) != 0)


def reach(p, o, distance):
    radius = np.where(np.isnan(p.radius_km), DEFAULT_RADIUS_KM, p.radius_km)
    known = ~np.isnan(distance)
    d = np.where(known, distance, 0)
    too_far = known & (d > radius)
    # Beyond walking or cycling range, someone on public transport needs the place served.
    on_own = (((p.modes & a.FOOT) != 0) & (d <= WALKING_KM)) | (
        ((p.modes & a.BIKE) != 0) & (d <= CYCLING_KM)
    )
    needs_transit = transit_only(p) & known & ~on_own
    not_served = needs_transit & (o.transit == a.TRANSIT_NO)
    transit_factor = np.where(
        needs_transit,
        np.select(
            [o.transit == a.TRANSIT_YES, o.transit == a.TRANSIT_PARTIAL, o.transit == a.TRANSIT_NO],
            [
                1.0,
                np.where((o.schedules & (a.TWO_SHIFTS | a.THREE_SHIFTS | a.NIGHT)) != 0, 0.3, 0.7),
                0.0,
            ],
            0.6,  # unknown: to check
        ),
        1.0,
    )
    closeness = np.where(known, 1 - 0.6 * np.minimum(d / np.maximum(radius, 1), 1), 0.5)
    score = np.where(too_far | not_served, 0.0, closeness * transit_factor).astype(np.float32)
    hard = _bits(too_far, TOO_FAR) | _bits(not_served, NOT_SERVED)
    return Part(score, hard=hard), radius, needs_transit


# --- schedule ---------------------------------------------------------------------------


def schedule(p, o, hours):
    s = o.schedules
    own = (
        _bits(((p.limits & a.NO_NIGHTS) != 0) & ((s & (a.NIGHT | a.THREE_SHIFTS)) != 0), OWN_NIGHTS)
        | _bits(((p.limits & a.NO_WEEKENDS) != 0) & ((s & a.WEEKEND) != 0), OWN_WEEKENDS)
        | _bits(
            ((p.limits & a.NO_EARLY) != 0) & ((s & (a.TWO_SHIFTS | a.THREE_SHIFTS)) != 0),
            OWN_EARLY,
        )
        | _bits(((p.limits & a.NO_SPLIT) != 0) & ((s & a.SPLIT) != 0), OWN_SPLIT)
    )
    atypical = (s & a.ATYPICAL) != 0
    every_job = np.ones_like(atypical)
    # A child under three without childcare: no job at all until it is solved.
    b1, l1 = _barrier(p, "famille-garde-moins-3-ans", every_job)
    # School-age children: atypical hours, or a day longer than school hours.
    b2, l2 = _barrier(p, "famille-periscolaire", atypical | (hours > 24))
    b3, l3 = _barrier(p, "famille-proche-dependant", atypical)
    b4, l4 = _barrier(
        p,
        "mobilite-horaires-decales",
        (s & (a.TWO_SHIFTS | a.THREE_SHIFTS | a.NIGHT | a.SPLIT)) != 0,
    )
    blocked, lifting = b1 | b2 | b3 | b4, l1 | l2 | l3 | l4
    score = np.where(
        (own | blocked) != 0, 0.0, np.where(lifting != 0, 0.5, np.where(atypical, 0.8, 1.0))
    ).astype(np.float32)
    return Part(score, hard=own, blocked=blocked, lifting=lifting)


# --- licence and vehicle ----------------------------------------------------------------


def licence(p, o):
    needs_licence = np.asarray(o.licence_required | o.vehicle_required)
    noted = np.uint16(
        a.BARRIER_BIT["mobilite-sans-permis"] | a.BARRIER_BIT["mobilite-permis-suspendu"]
    )
    has_barrier = ((p.blocked | p.lifting) & noted) != 0
    b1, l1 = _barrier(p, "mobilite-sans-permis", needs_licence)
    b2, l2 = _barrier(p, "mobilite-permis-suspendu", needs_licence)
    field = needs_licence & ~has_barrier
    hard = _bits(field & (p.licence == a.LICENCE_NONE), NO_LICENCE) | _bits(
        field & (p.licence == a.LICENCE_SUSPENDED), LICENCE_SUSPENDED
    )
    # A licence in progress is the « no licence » barrier being lifted.
    in_progress = _bits(
        field & (p.licence == a.LICENCE_IN_PROGRESS), a.BARRIER_BIT["mobilite-sans-permis"]
    )
    needs_vehicle = np.asarray(o.vehicle_required)
    vehicle_bit = np.uint16(a.BARRIER_BIT["mobilite-sans-vehicule"])
    b3, l3 = _barrier(p, "mobilite-sans-vehicule", needs_vehicle)
    vehicle_noted = ((p.blocked | p.lifting) & vehicle_bit) != 0
    hard = hard | _bits(needs_vehicle & ~vehicle_noted & ~p.has_vehicle, NO_VEHICLE)
    blocked, lifting = b1 | b2 | b3, l1 | l2 | l3 | in_progress
    unknown = needs_licence & ~has_barrier & (p.licence == a.LICENCE_UNKNOWN)
    score = np.where(
        (hard | blocked) != 0,
        0.0,
        np.where(lifting != 0, 0.5, np.where(unknown, 0.7, 1.0)),
    ).astype(np.float32)
    return Part(score, hard=hard, blocked=blocked, lifting=lifting)


# --- physical demands, written French -------------------------------------------------


def physical(p, o):
    b1, l1 = _barrier(p, "sante-port-de-charges", (o.physical & a.LOADS) != 0)
    b2, l2 = _barrier(p, "sante-station-debout", (o.physical & a.STANDING) != 0)
    blocked, lifting = b1 | b2, l1 | l2
    score = np.where(blocked != 0, 0.0, np.where(lifting != 0, 0.5, 1.0)).astype(np.float32)
    return Part(score, blocked=blocked, lifting=lifting)


def written_french(p, o):
    needed = np.asarray(o.written_french)
    b1, l1 = _barrier(p, "langue-francais-a-apprendre", needed)
    b2, l2 = _barrier(p, "langue-lecture-ecriture", needed)
    blocked, lifting = b1 | b2, l1 | l2
    score = np.where(blocked != 0, 0.0, np.where(lifting != 0, 0.5, 1.0)).astype(np.float32)
    return Part(score, blocked=blocked, lifting=lifting)


# --- start date, contract and hours ---------------------------------------------------


def availability(p, o, today: int):
    start = np.where(o.start_day == a.NO_DAY, today, np.maximum(o.start_day, today))
    available = np.where(p.available_day == a.NO_DAY, today, p.available_day)
    late = (available - start).astype(np.int64)
    too_late = late > LATE_START_DAYS
    score = np.where(
        too_late, 0.0, np.where(late <= 0, 1.0, 1 - 0.5 * late / LATE_START_DAYS)
    ).astype(np.float32)
    return Part(score, hard=_bits(too_late, LATE_START)), late


def contract(p, o):
    known = o.contract != a.NO_CONTRACT
    bit = np.left_shift(np.uint16(1), np.where(known, o.contract, 0).astype(np.uint16))
    wanted = (p.contracts == 0) | ~known | ((p.contracts & bit) != 0)
    hours_gap = np.where(
        (p.hours > 0) & (o.hours > 0), np.abs(p.hours.astype(np.int16) - o.hours), 0
    )
    hours_score = np.clip(1 - np.maximum(hours_gap - 4, 0) / 20, 0, 1)
    score = (np.where(wanted, 0.6, 0.2) + 0.4 * hours_score).astype(np.float32)
    return Part(score), wanted, hours_gap


# --- priority and fairness --------------------------------------------------------------


def priority(p, today: int):
    """A PASS IAE ending within 90 days; a long time in pathway without an introduction."""
    pass_left = np.where(
        p.pass_end_day == a.NO_DAY, np.int64(10**6), p.pass_end_day - np.int64(today)
    )
    pass_soon = (pass_left >= 0) & (pass_left <= PASS_ENDING_DAYS)
    since = np.maximum(p.pathway_day, p.last_introduction_day).astype(np.int64)
    waiting = np.where(p.pathway_day == a.NO_DAY, 0, today - since)
    score = np.maximum(
        np.where(pass_soon, 1.0, 0.0), np.clip(waiting / LONG_WAIT_DAYS, 0, 1)
    ).astype(np.float32)
    return Part(score), pass_left, waiting


def fairness(p, o, today: int):
    """People introduced many times this month, and offers with many open
    introductions, come after the others."""
    recent = (p.recent_introduction_days >= today - RECENT_DAYS).sum(axis=-1)
    load = o.open_introductions / np.maximum(o.positions.astype(np.float32) * 3, 1)
    score = (
        1 - 0.5 * np.minimum(recent / a.RECENT_INTRODUCTIONS, 1) - 0.5 * np.minimum(load, 1)
    ).astype(np.float32)
    return Part(score), recent
