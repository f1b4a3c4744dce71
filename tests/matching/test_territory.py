"""The territory's figures on hand-built arrays: two people, three offers, childcare
being found for both — what lifting it would open, counted pair by pair."""

import numpy as np

from matching import arrays as a
from matching import territory
from tests.matching import builders as b

CHILDCARE = a.BARRIER_BIT["famille-garde-moins-3-ans"]
NO_LICENCE = a.BARRIER_BIT["mobilite-sans-permis"]
SALES, DRIVING = 0, 1  # families (and jobs)

OFFERS = b.offers(
    {"place": b.TRELAZE, "job": SALES, "family": SALES, "positions": 2},
    {"place": b.ANGERS, "job": SALES, "family": SALES, "positions": 1},
    {
        "place": b.TRELAZE,
        "job": DRIVING,
        "family": DRIVING,
        "positions": 3,
        "licence_required": True,
    },
)
VOCABULARY = b.vocabulary(families=2)


def _people(**second):
    return b.persons(
        # Wants sales; her child's care is being found.
        {"wish_job": (SALES,), "wish_family": (SALES,), "lifting": CHILDCARE},
        # Wants sales, then driving; care being found, licence being prepared.
        {
            "wish_job": (SALES, DRIVING),
            "wish_family": (SALES, DRIVING),
            "lifting": CHILDCARE | NO_LICENCE,
            **second,
        },
    )


def _figures(persons, pool=(False, False), offer_rows=(0, 1, 2)):
    return territory.figures(
        persons,
        OFFERS,
        VOCABULARY,
        np.arange(len(persons)),
        np.array(offer_rows),
        pool=np.array(pool),
        today=b.TODAY,
    )


def test_lifting_childcare_would_open_four_introductions_for_two_people():
    found = _figures(_people())
    # The driving job waits for two barriers: lifting childcare alone does not open it.
    (childcare,) = found.barriers
    assert (childcare.code, childcare.people, childcare.introductions) == (
        "famille-garde-moins-3-ans",
        2,
        4,
    )
    assert found.pairs == 5


def test_each_family_counts_its_positions_its_people_and_its_pairs():
    found = _figures(_people())
    by_family = {f.family: f for f in found.families}
    assert (by_family[SALES].offers, by_family[SALES].positions, by_family[SALES].people) == (
        2,
        3,
        2,
    )
    assert (by_family[DRIVING].offers, by_family[DRIVING].positions) == (1, 3)
    assert by_family[DRIVING].people == 1
    assert (by_family[SALES].feasible, by_family[SALES].feasible_if) == (0, 4)
    assert (by_family[DRIVING].feasible, by_family[DRIVING].feasible_if) == (0, 1)
    # As many positions: the family more people want comes first.
    assert [f.family for f in found.families] == [SALES, DRIVING]
    assert (found.offers, found.positions, found.people) == (3, 6, 2)


def test_once_childcare_is_found_for_the_second_the_licence_opens_the_driving_job():
    found = _figures(_people(lifting=NO_LICENCE))
    codes = {b.code: b for b in found.barriers}
    assert codes["mobilite-sans-permis"].introductions == 1
    assert codes["famille-garde-moins-3-ans"].introductions == 2
    # The most introductions first.
    assert [b.code for b in found.barriers] == ["famille-garde-moins-3-ans", "mobilite-sans-permis"]
    sales = next(f for f in found.families if f.family == SALES)
    assert (sales.feasible, sales.feasible_if) == (2, 2)


def test_a_barrier_identified_and_not_worked_on_opens_nothing():
    persons = _people(lifting=0, blocked=CHILDCARE)
    found = _figures(persons)
    (childcare,) = found.barriers
    assert (childcare.people, childcare.introductions) == (1, 2)


def test_the_people_followed_are_counted_apart():
    found = _figures(_people(), pool=(False, True))
    assert found.barriers[0].people_in_pool == 1
    sales = next(f for f in found.families if f.family == SALES)
    assert (sales.people, sales.people_in_pool) == (2, 1)


def test_an_offer_beyond_the_persons_radius_is_no_pair():
    found = _figures(_people(radius_km=3, lifting=CHILDCARE), offer_rows=(1,))
    # Angers is 8 km from Trélazé: only the first person (15 km by default) reaches it.
    assert found.pairs == 1
    assert found.barriers[0].people == 1


def test_only_the_rows_of_the_area_are_read():
    persons = _people()
    found = territory.figures(
        persons,
        OFFERS,
        VOCABULARY,
        np.array([0]),
        np.array([0]),
        pool=np.zeros(2, dtype=bool),
        today=b.TODAY,
    )
    assert (found.people, found.pairs, found.barriers[0].introductions) == (1, 1, 1)


def test_rows_at_finds_the_people_of_the_communes_bit_for_bit():
    places = [b.TRELAZE, b.ANGERS, (47.4456, -0.4658), None]
    persons = b.persons(*({"place": place} for place in places))
    point = a.unit_vectors([b.TRELAZE[0]], [b.TRELAZE[1]])
    assert territory.rows_at(persons.xyz, point).tolist() == [0]
    both = np.concatenate([point, a.unit_vectors([b.ANGERS[0]], [b.ANGERS[1]])])
    assert territory.rows_at(persons.xyz, both).tolist() == [0, 1]
    assert territory.rows_at(persons.xyz, np.empty((0, 3), dtype=np.float32)).tolist() == []
