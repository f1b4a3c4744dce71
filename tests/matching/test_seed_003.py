"""Seed 003's case: a person who wants « aide à domicile », with a child under three and
no childcare, no licence, on public transport only, within 10 km. A 3x8 packing job
25 km away that needs a vehicle cannot be; a day job 4 km away served by bus can, once
childcare is found."""

import numpy as np

from matching import arrays as a
from matching import engine
from tests.matching import builders as b

HOME = (47.4456, -0.4657)  # Trélazé
FOUR_KM = (47.4456 + 4 / 111.2, -0.4657)
TWENTY_FIVE_KM = (47.4456 - 25 / 111.2, -0.4657)
HOME_HELP, PACKING = 0, 1  # jobs (and their families)
CHILDCARE = a.BARRIER_BIT["famille-garde-moins-3-ans"]


def _person(childcare: str):
    return b.persons(
        {
            "place": HOME,
            "radius_km": 10,
            "modes": a.TRANSIT,
            "licence": a.LICENCE_NONE,
            "wish_job": (HOME_HELP,),
            "wish_family": (HOME_HELP,),
            "blocked": CHILDCARE if childcare == "identified" else 0,
            "lifting": CHILDCARE if childcare == "being_lifted" else 0,
        }
    )


OFFERS = b.offers(
    {
        "place": TWENTY_FIVE_KM,
        "job": PACKING,
        "family": PACKING,
        "schedules": a.THREE_SHIFTS,
        "vehicle_required": True,
    },
    {"place": FOUR_KM, "job": HOME_HELP, "family": HOME_HELP, "transit": a.TRANSIT_YES},
)
VOCABULARY = b.vocabulary(families=2)


def _verdicts(childcare: str) -> dict:
    found = engine.offers_for_person(
        _person(childcare), OFFERS, VOCABULARY, 0, today=b.TODAY, limit=10
    )
    return {pair.offer_id: pair for pair in found}


def test_the_packing_job_is_not_feasible_and_says_why():
    packing = _verdicts("identified")[1]
    assert packing.feasibility == engine.NOT_FEASIBLE
    assert "permis B exigé, pas de permis" in packing.reasons
    assert "véhicule personnel exigé, pas de véhicule" in packing.reasons
    assert any(r.startswith("à 25 km, au-delà des 10 km") for r in packing.reasons)


def test_the_day_job_is_not_feasible_while_childcare_is_only_identified():
    day_job = _verdicts("identified")[2]
    assert day_job.feasibility == engine.NOT_FEASIBLE
    assert day_job.reasons == ("enfant de moins de 3 ans sans solution de garde",)
    assert day_job.sensitive_reasons == (True,)


def test_the_day_job_is_feasible_if_childcare_being_lifted_is_found():
    day_job = _verdicts("being_lifted")[2]
    assert day_job.feasibility == engine.FEASIBLE_IF
    assert day_job.lifting == ("famille-garde-moins-3-ans",)
    assert day_job.lifting_label == "si solution de garde"
    assert day_job.reasons == ()
    reach = next(c for c in day_job.components if c.name == "trajet")
    assert reach.explanation == "à 4 km, dans son rayon de 10 km, desservi en transports en commun"


def test_the_day_job_is_feasible_once_childcare_is_found():
    verdicts = _verdicts("lifted")
    assert verdicts[2].feasibility == engine.FEASIBLE
    assert verdicts[2].lifting == ()
    # Feasible first, whatever the scores.
    assert list(verdicts) == [2, 1]


def test_a_barrier_being_lifted_never_hides_the_offer():
    for childcare in ("identified", "being_lifted", "lifted"):
        assert set(_verdicts(childcare)) == {1, 2}


def test_the_offer_side_ranks_her_by_the_same_rules():
    (found,) = engine.candidates_for_offer(
        _person("being_lifted"), OFFERS, VOCABULARY, 1, today=b.TODAY
    )
    assert found.feasibility == engine.FEASIBLE_IF and found.lifting == (
        "famille-garde-moins-3-ans",
    )
    assert np.isclose(found.score, _verdicts("being_lifted")[2].score)
