"""Engine arrays for the tests, built row by row with readable defaults: a person who
wants job 0 and lives at Trélazé, offers of job 0 there."""

import numpy as np

from matching import arrays as a

TODAY = a.day_of(__import__("datetime").date(2026, 11, 30))

# Communes of the demo territory (latitude, longitude).
TRELAZE = (47.4456, -0.4657)
ANGERS = (47.4784, -0.5632)

PERSON_DEFAULTS = {
    "place": TRELAZE,
    "radius_km": np.nan,
    "modes": 0,
    "licence": a.LICENCE_UNKNOWN,
    "has_vehicle": False,
    "limits": 0,
    "contracts": 0,
    "hours": 0,
    "available_day": a.NO_DAY,
    "wish_job": (0,),
    "wish_family": (0,),
    "past_family": (),
    "blocked": 0,
    "lifting": 0,
    "pass_end_day": a.NO_DAY,
    "pathway_day": a.NO_DAY,
    "last_introduction_day": a.NO_DAY,
    "recent_introduction_days": (),
}

OFFER_DEFAULTS = {
    "place": TRELAZE,
    "job": 0,
    "family": 0,
    "schedules": a.DAY,
    "hours": 35,
    "physical": 0,
    "licence_required": False,
    "vehicle_required": False,
    "transit": a.TRANSIT_UNKNOWN,
    "written_french": False,
    "contract": 0,
    "start_day": a.NO_DAY,
    "positions": 1,
    "open_introductions": 0,
    "published": True,
}


def _padded(values, width, fill, dtype):
    out = np.full(width, fill, dtype=dtype)
    out[: len(values)] = values[:width]
    return out


def persons(*rows: dict) -> a.PersonArrays:
    rows = [{**PERSON_DEFAULTS, **row} for row in rows]
    places = np.array([r["place"] or (np.nan, np.nan) for r in rows], dtype=np.float64)
    return a.PersonArrays(
        ids=np.arange(1, len(rows) + 1, dtype=np.int64),
        xyz=a.unit_vectors(places[:, 0], places[:, 1]),
        radius_km=np.array([r["radius_km"] for r in rows], dtype=np.float32),
        modes=np.array([r["modes"] for r in rows], dtype=np.uint8),
        licence=np.array([r["licence"] for r in rows], dtype=np.uint8),
        has_vehicle=np.array([r["has_vehicle"] for r in rows], dtype=bool),
        limits=np.array([r["limits"] for r in rows], dtype=np.uint8),
        contracts=np.array([r["contracts"] for r in rows], dtype=np.uint8),
        hours=np.array([r["hours"] for r in rows], dtype=np.uint8),
        available_day=np.array([r["available_day"] for r in rows], dtype=np.int32),
        wish_job=np.stack([_padded(r["wish_job"], a.WISHES, -1, np.int32) for r in rows]),
        wish_family=np.stack([_padded(r["wish_family"], a.WISHES, -1, np.int16) for r in rows]),
        past_family=np.stack(
            [_padded(r["past_family"], a.EXPERIENCES, -1, np.int16) for r in rows]
        ),
        blocked=np.array([r["blocked"] for r in rows], dtype=np.uint16),
        lifting=np.array([r["lifting"] for r in rows], dtype=np.uint16),
        pass_end_day=np.array([r["pass_end_day"] for r in rows], dtype=np.int32),
        pathway_day=np.array([r["pathway_day"] for r in rows], dtype=np.int32),
        last_introduction_day=np.array([r["last_introduction_day"] for r in rows], dtype=np.int32),
        recent_introduction_days=np.stack(
            [
                _padded(r["recent_introduction_days"], a.RECENT_INTRODUCTIONS, a.NO_DAY, np.int32)
                for r in rows
            ]
        ),
    )


def offers(*rows: dict) -> a.OfferArrays:
    rows = [{**OFFER_DEFAULTS, **row} for row in rows]
    places = np.array([r["place"] for r in rows], dtype=np.float64)
    return a.OfferArrays(
        ids=np.arange(1, len(rows) + 1, dtype=np.int64),
        xyz=a.unit_vectors(places[:, 0], places[:, 1]),
        **{
            name: np.array([r[name] for r in rows], dtype=dtype)
            for name, dtype in (
                ("job", np.int32),
                ("family", np.int16),
                ("schedules", np.uint8),
                ("hours", np.uint8),
                ("physical", np.uint8),
                ("licence_required", bool),
                ("vehicle_required", bool),
                ("transit", np.uint8),
                ("written_french", bool),
                ("contract", np.uint8),
                ("start_day", np.int32),
                ("positions", np.uint8),
                ("open_introductions", np.uint16),
                ("published", bool),
            )
        },
    )


def vocabulary(families: int = 3, related=()) -> a.Vocabulary:
    matrix = np.zeros((families, families), dtype=bool)
    for source, target in related:
        matrix[source, target] = True
    return a.Vocabulary(
        jobs=[f"Métier {n}" for n in range(10)],
        families=[f"F{n}" for n in range(families)],
        related=matrix,
    )
