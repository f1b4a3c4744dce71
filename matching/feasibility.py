"""The verdict on a pair: feasible; feasible if barriers being lifted are lifted; not
feasible, with the reason. A barrier being lifted never excludes silently: it gives
`feasible_if` with its code. A barrier identified and not worked on gives
`not_feasible`, naming it."""

import numpy as np

from matching import components as c
from matching.arrays import BARRIER_BIT, BARRIERS, barriers_of

FEASIBLE, FEASIBLE_IF, NOT_FEASIBLE = "feasible", "feasible_if", "not_feasible"
TIERS = (FEASIBLE, FEASIBLE_IF, NOT_FEASIBLE)


def tiers(hard, blocked, lifting) -> np.ndarray:
    """0 feasible, 1 feasible_if, 2 not_feasible."""
    return np.where((hard | blocked) != 0, 2, np.where(lifting != 0, 1, 0)).astype(np.int8)


# What an offer asks that the barrier stands against, to name the conflict.
_CONSTRAINT = {
    "mobilite-sans-permis": "permis B exigé",
    "mobilite-permis-suspendu": "permis B exigé",
    "mobilite-sans-vehicule": "véhicule personnel exigé",
    "mobilite-horaires-decales": "horaires décalés",
    "famille-garde-moins-3-ans": "",
    "famille-periscolaire": "horaires au-delà du temps scolaire",
    "famille-proche-dependant": "horaires atypiques",
    "sante-port-de-charges": "port de charges",
    "sante-station-debout": "station debout prolongée",
    "langue-francais-a-apprendre": "français écrit demandé",
    "langue-lecture-ecriture": "français écrit demandé",
}
assert set(_CONSTRAINT) <= set(BARRIER_BIT)


def lifting_codes(bits: int) -> tuple[str, ...]:
    return tuple(b.code for b in barriers_of(bits))


def lifting_text(bits: int) -> tuple[str, bool]:
    found = barriers_of(bits)
    return " et ".join(b.lift for b in found), any(b.sensitive for b in found)


def reasons(hard: int, blocked: int, facts: dict) -> list[tuple[str, bool]]:
    """The hard reasons in words, each with whether it names a sensitive barrier."""
    out = []
    if hard & c.NO_LICENCE:
        out.append(("permis B exigé, pas de permis", False))
    if hard & c.LICENCE_SUSPENDED:
        out.append(("permis B exigé, permis suspendu", False))
    if hard & c.NO_VEHICLE:
        out.append(("véhicule personnel exigé, pas de véhicule", False))
    if hard & c.TOO_FAR:
        out.append(
            (
                f"à {facts['distance_km']:.0f} km, au-delà des {facts['radius_km']:.0f} km "
                "de trajet possibles",
                False,
            )
        )
    if hard & c.NOT_SERVED:
        out.append(("lieu de travail non desservi, se déplace en transports en commun", False))
    for bit, text in (
        (c.OWN_NIGHTS, "travail de nuit, exclu par la personne"),
        (c.OWN_WEEKENDS, "travail le week-end, exclu par la personne"),
        (c.OWN_EARLY, "début avant 7 h, exclu par la personne"),
        (c.OWN_SPLIT, "horaires coupés, exclus par la personne"),
    ):
        if hard & bit:
            out.append((text, False))
    if hard & c.LATE_START:
        out.append((f"disponible {facts['late_days']} jours après le début du poste", False))
    for barrier in BARRIERS:
        if blocked & BARRIER_BIT[barrier.code]:
            constraint = _CONSTRAINT.get(barrier.code, "")
            text = f"{constraint}, {barrier.blocked}" if constraint else barrier.blocked
            out.append((text, barrier.sensitive))
    return out
