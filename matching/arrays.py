"""What the engine reads: one column per feature, one row per person or offer, and the
codes the columns hold. Plain NumPy, no Django: the feature store (`matching.features`)
fills them from the database, the benchmark fills them synthetically.

Age, sex, nationality, disability status and benefits have no column here on purpose:
the engine cannot weigh what it is never given."""

from dataclasses import dataclass, fields

import numpy as np

# Days are counted from 1970-01-01 (`date.toordinal() - EPOCH_ORDINAL`).
EPOCH_ORDINAL = 719163
NO_DAY = np.iinfo(np.int32).min  # « no date »: never available late, no PASS end
FAR_DAY = np.iinfo(np.int32).max

WISHES = 5  # the first five wished jobs, in the person's order
EXPERIENCES = 3  # the three most recent past jobs
RECENT_INTRODUCTIONS = 4  # the days of the last introductions (fairness counts them)

# Travel modes
CAR, TRANSIT, BIKE, FOOT = 1, 2, 4, 8

# Driving licence
LICENCE_UNKNOWN, LICENCE_NONE, LICENCE_IN_PROGRESS, LICENCE_B, LICENCE_SUSPENDED = range(5)

# The person's own limits on hours
NO_NIGHTS, NO_WEEKENDS, NO_EARLY, NO_SPLIT = 1, 2, 4, 8

# An offer's schedules
DAY, TWO_SHIFTS, THREE_SHIFTS, NIGHT, WEEKEND, SPLIT = 1, 2, 4, 8, 16, 32
SCHEDULE_CODES = {
    "day": DAY,
    "2x8": TWO_SHIFTS,
    "3x8": THREE_SHIFTS,
    "night": NIGHT,
    "weekend": WEEKEND,
    "split": SPLIT,
}
ATYPICAL = TWO_SHIFTS | THREE_SHIFTS | NIGHT | WEEKEND | SPLIT

# An offer's physical demands
LOADS, STANDING, OUTDOOR, REPETITIVE, COLD, HEIGHTS = 1, 2, 4, 8, 16, 32
PHYSICAL_CODES = {
    "loads": LOADS,
    "standing": STANDING,
    "outdoor": OUTDOOR,
    "repetitive": REPETITIVE,
    "cold": COLD,
    "heights": HEIGHTS,
}

# Public transport at the workplace (the offer's « desservi » field)
TRANSIT_UNKNOWN, TRANSIT_YES, TRANSIT_PARTIAL, TRANSIT_NO = range(4)
TRANSIT_CODES = {
    "": TRANSIT_UNKNOWN,
    "yes": TRANSIT_YES,
    "partial": TRANSIT_PARTIAL,
    "no": TRANSIT_NO,
}

# Contract types, in `persons.enums.ContractType` order: a bit each in a person's wishes.
CONTRACTS = ("CDI", "CDD", "CDDI", "TEMP", "PRO", "APPRENTICE", "SUBSIDISED", "CDI_TEMP")
NO_CONTRACT = 255


@dataclass(frozen=True)
class Barrier:
    """A barrier item the rules read: its bit, and how an explanation names it."""

    code: str
    blocked: str  # the situation, for a `not_feasible` reason
    lift: str  # « si … », for a `feasible_if`
    sensitive: bool  # family and health: named only to the accompanying team


BARRIERS: tuple[Barrier, ...] = (
    Barrier("mobilite-sans-permis", "pas de permis", "si permis obtenu", False),
    Barrier("mobilite-permis-suspendu", "permis suspendu", "si permis rendu", False),
    Barrier("mobilite-sans-vehicule", "pas de véhicule", "si solution de véhicule", False),
    Barrier(
        "mobilite-transports-en-commun",
        "se déplace en transports en commun",
        "si solution de transport",
        False,
    ),
    Barrier(
        "mobilite-horaires-decales",
        "pas de transport aux heures décalées",
        "si transport aux heures décalées",
        False,
    ),
    Barrier(
        "famille-garde-moins-3-ans",
        "enfant de moins de 3 ans sans solution de garde",
        "si solution de garde",
        True,
    ),
    Barrier(
        "famille-periscolaire",
        "enfants sans solution périscolaire",
        "si solution périscolaire",
        True,
    ),
    Barrier(
        "famille-proche-dependant", "proche dépendant à charge", "si relais pour le proche", True
    ),
    Barrier(
        "sante-port-de-charges",
        "restriction déclarée pour le port de charges",
        "si aménagement du port de charges",
        True,
    ),
    Barrier(
        "sante-station-debout",
        "restriction déclarée pour la station debout",
        "si aménagement du poste",
        True,
    ),
    Barrier("langue-francais-a-apprendre", "français à apprendre", "si français consolidé", False),
    Barrier(
        "langue-lecture-ecriture",
        "lecture et écriture à consolider",
        "si écrit consolidé",
        False,
    ),
)
BARRIER_BIT = {b.code: 1 << i for i, b in enumerate(BARRIERS)}


def barrier_bits(codes) -> int:
    return sum(BARRIER_BIT[c] for c in set(codes) if c in BARRIER_BIT)


def barriers_of(bits: int) -> list[Barrier]:
    return [b for b in BARRIERS if bits & BARRIER_BIT[b.code]]


@dataclass
class PersonArrays:
    ids: np.ndarray  # int64
    xyz: np.ndarray  # float32 (n, 3): the commune's point on the unit sphere; NaN unknown
    radius_km: np.ndarray  # float32, NaN unknown
    modes: np.ndarray  # uint8: CAR | TRANSIT | BIKE | FOOT
    licence: np.ndarray  # uint8: LICENCE_*
    has_vehicle: np.ndarray  # bool
    limits: np.ndarray  # uint8: NO_NIGHTS | NO_WEEKENDS | NO_EARLY | NO_SPLIT
    contracts: np.ndarray  # uint8: a bit per CONTRACTS index; 0 = any
    hours: np.ndarray  # uint8: hours per week wanted, 0 unknown
    available_day: np.ndarray  # int32, NO_DAY = now
    wish_job: np.ndarray  # int32 (n, WISHES): appellation index, -1 empty, in order
    wish_family: np.ndarray  # int16 (n, WISHES): ROME family index, -1 empty
    past_family: np.ndarray  # int16 (n, EXPERIENCES): ROME family index, -1 empty
    blocked: np.ndarray  # uint16: BARRIER_BIT of barriers identified (not worked on)
    lifting: np.ndarray  # uint16: BARRIER_BIT of barriers being lifted
    pass_end_day: np.ndarray  # int32: end of the PASS IAE of an open pathway, NO_DAY
    pathway_day: np.ndarray  # int32: start of the open pathway, NO_DAY none
    last_introduction_day: np.ndarray  # int32, NO_DAY never
    recent_introduction_days: np.ndarray  # int32 (n, RECENT_INTRODUCTIONS), NO_DAY

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


@dataclass
class OfferArrays:
    ids: np.ndarray  # int64
    xyz: np.ndarray  # float32 (n, 3)
    job: np.ndarray  # int32: appellation index
    family: np.ndarray  # int16: ROME family index
    schedules: np.ndarray  # uint8: DAY | TWO_SHIFTS | …
    hours: np.ndarray  # uint8, 0 unknown
    physical: np.ndarray  # uint8: LOADS | STANDING | …
    licence_required: np.ndarray  # bool
    vehicle_required: np.ndarray  # bool
    transit: np.ndarray  # uint8: TRANSIT_*
    written_french: np.ndarray  # bool
    contract: np.ndarray  # uint8: CONTRACTS index, NO_CONTRACT unknown
    start_day: np.ndarray  # int32, NO_DAY as soon as possible
    positions: np.ndarray  # uint8
    open_introductions: np.ndarray  # uint16
    published: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


@dataclass
class Vocabulary:
    """Names of the codes the arrays hold, for the explanations."""

    jobs: list[str]  # appellation names by index
    families: list[str]  # ROME family codes by index
    related: np.ndarray  # bool (families, families): an official mobility from row to column

    @property
    def nbytes(self) -> int:
        return self.related.nbytes


def unit_vectors(latitudes, longitudes) -> np.ndarray:
    """Points on the unit sphere (float32): the chord between two of them gives the
    great-circle distance without trigonometry per pair."""
    phi = np.radians(np.asarray(latitudes, dtype=np.float64))
    lam = np.radians(np.asarray(longitudes, dtype=np.float64))
    cos_phi = np.cos(phi)
    return np.stack([cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)], axis=-1).astype(
        np.float32
    )


def day_of(value) -> int:
    """A date as the arrays count days; None as NO_DAY."""
    return NO_DAY if value is None else value.toordinal() - EPOCH_ORDINAL
