"""Properties of the engine over generated populations: every score in [0, 1], the
order it promises, both directions agreeing on a pair, and a barrier being lifted never
hiding a pair."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.geo import haversine_km
from matching import arrays as a
from matching import engine
from matching.feasibility import TIERS
from matching.index import FamilyIndex
from tests.matching import builders as b

FAMILIES = 4
barrier_bits = st.integers(0, (1 << len(a.BARRIERS)) - 1)
places = st.tuples(st.floats(43.0, 49.0), st.floats(-1.5, 5.0))

person = st.fixed_dictionaries(
    {
        "place": places,
        "radius_km": st.sampled_from([np.nan, 5, 10, 30]),
        "modes": st.integers(0, 15),
        "licence": st.integers(0, 4),
        "has_vehicle": st.booleans(),
        "limits": st.integers(0, 15),
        "contracts": st.integers(0, 255),
        "hours": st.integers(0, 40),
        "available_day": st.sampled_from([a.NO_DAY, b.TODAY, b.TODAY + 20, b.TODAY + 90]),
        "wish_job": st.lists(st.integers(0, 7), max_size=a.WISHES),
        "past_family": st.lists(st.integers(0, FAMILIES - 1), max_size=a.EXPERIENCES),
        "blocked": barrier_bits,
        "lifting": barrier_bits,
        "pass_end_day": st.sampled_from([a.NO_DAY, b.TODAY + 30, b.TODAY + 400]),
        "pathway_day": st.sampled_from([a.NO_DAY, b.TODAY - 400, b.TODAY - 10]),
        "recent_introduction_days": st.lists(st.integers(b.TODAY - 60, b.TODAY), max_size=4),
    }
).map(lambda p: {**p, "wish_family": tuple(j % FAMILIES for j in p["wish_job"])})

offer = st.fixed_dictionaries(
    {
        "place": places,
        "job": st.integers(0, 7),
        "schedules": st.integers(0, 63),
        "hours": st.integers(0, 40),
        "physical": st.integers(0, 63),
        "licence_required": st.booleans(),
        "vehicle_required": st.booleans(),
        "transit": st.integers(0, 3),
        "written_french": st.booleans(),
        "contract": st.sampled_from([*range(len(a.CONTRACTS)), a.NO_CONTRACT]),
        "start_day": st.sampled_from([a.NO_DAY, b.TODAY, b.TODAY + 10]),
        "open_introductions": st.integers(0, 10),
    }
).map(lambda o: {**o, "family": o["job"] % FAMILIES})

populations = st.tuples(
    st.lists(person, min_size=1, max_size=12), st.lists(offer, min_size=1, max_size=6)
)
VOCABULARY = b.vocabulary(families=FAMILIES, related=[(0, 1), (2, 3)])


@settings(max_examples=60, deadline=None)
@given(populations)
def test_every_score_is_between_zero_and_one(population):
    persons, offers = b.persons(*population[0]), b.offers(*population[1])
    for row in range(len(offers)):
        for found in engine.candidates_for_offer(persons, offers, VOCABULARY, row, today=b.TODAY):
            assert 0 <= found.score <= 1
            assert all(0 <= c.score <= 1 for c in found.components)


@settings(max_examples=60, deadline=None)
@given(populations)
def test_feasible_come_first_then_by_score(population):
    persons, offers = b.persons(*population[0]), b.offers(*population[1])
    for row in range(len(persons)):
        found = engine.offers_for_person(persons, offers, VOCABULARY, row, today=b.TODAY)
        keys = [(TIERS.index(p.feasibility), -p.score) for p in found]
        assert keys == sorted(keys)
        # Nothing hidden near them: every offer within 30 km is there, whatever its verdict.
        near = {
            number
            for number, job in enumerate(population[1], start=1)
            if haversine_km(*population[0][row]["place"], *job["place"]) < 29.9
        }
        assert near <= {p.offer_id for p in found}


@settings(max_examples=60, deadline=None)
@given(populations)
def test_both_directions_agree_on_each_pair(population):
    persons, offers = b.persons(*population[0]), b.offers(*population[1])
    for row in range(len(offers)):
        for found in engine.candidates_for_offer(persons, offers, VOCABULARY, row, today=b.TODAY):
            alone = engine.pair(
                persons, offers, VOCABULARY, found.person_id - 1, row, today=b.TODAY
            )
            assert alone == found


@settings(max_examples=60, deadline=None)
@given(person, offer, barrier_bits)
def test_a_barrier_being_lifted_turns_not_feasible_into_feasible_if_never_into_nothing(
    someone, job, bits
):
    """The same barriers identified, then being lifted: a pair blocked only by them
    becomes `feasible_if` with exactly those codes."""
    blocked = b.persons({**someone, "blocked": bits, "lifting": 0})
    lifting = b.persons({**someone, "blocked": 0, "lifting": bits})
    offers = b.offers(job)
    before = engine.pair(blocked, offers, VOCABULARY, 0, 0, today=b.TODAY)
    after = engine.pair(lifting, offers, VOCABULARY, 0, 0, today=b.TODAY)
    if before.feasibility == engine.NOT_FEASIBLE and after.feasibility != engine.NOT_FEASIBLE:
        assert after.feasibility == engine.FEASIBLE_IF
        lifted = {bar.code for bar in a.barriers_of(bits)}
        if someone.get("licence") == a.LICENCE_IN_PROGRESS:
            # A licence in progress is itself the « no licence » barrier being lifted.
            lifted.add("mobilite-sans-permis")
        assert lifted >= set(after.lifting)
    assert after.score >= before.score


@settings(max_examples=40, deadline=None)
@given(populations, st.lists(st.integers(0, 11), max_size=4))
def test_the_family_index_finds_the_same_people_even_after_changes(population, changed):
    """An index built before some people changed their wishes (rows touched) ranks as
    reading every row does."""
    persons, offers = b.persons(*population[0]), b.offers(*population[1])
    index = FamilyIndex(persons.wish_family[:, ::-1] * 0 - 1, persons.past_family, FAMILIES)
    index.touch(r for r in range(len(persons)))  # every row changed since: all looked at
    fresh = FamilyIndex(persons.wish_family, persons.past_family, FAMILIES)
    fresh.touch(r for r in changed if r < len(persons))
    for row in range(len(offers)):
        everyone = engine.candidates_for_offer(persons, offers, VOCABULARY, row, today=b.TODAY)
        for built in (index, fresh):
            assert (
                engine.candidates_for_offer(
                    persons, offers, VOCABULARY, row, today=b.TODAY, index=built
                )
                == everyone
            )
