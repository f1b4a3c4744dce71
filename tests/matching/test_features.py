"""The feature store: seed 003's case read from the database, and kept fresh — a change
made through the services is seen by the next ranking, in this store and in another
(standing for another server process), without rebuilding."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from matching import engine
from matching.features import FeatureStore
from persons.services import person_update, wish_add


def _verdicts(store, person):
    return {p.offer_id: p for p in store.offers(person.pk)}


def test_seed_003_through_the_store(seed, team):
    person, childcare, packing_job, day_job = seed
    store = FeatureStore()
    verdicts = _verdicts(store, person)
    assert verdicts[packing_job.pk].feasibility == engine.NOT_FEASIBLE
    assert "permis B exigé, pas de permis" in verdicts[packing_job.pk].reasons
    assert verdicts[day_job.pk].feasibility == engine.NOT_FEASIBLE
    assert verdicts[day_job.pk].reasons == ("enfant de moins de 3 ans sans solution de garde",)

    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    day = _verdicts(store, person)[day_job.pk]
    assert day.feasibility == engine.FEASIBLE_IF
    assert day.lifting == ("famille-garde-moins-3-ans",)

    barrier_change_status(barrier=childcare, to_status=BarrierStatus.LIFTED, user=team.colleague)
    assert _verdicts(store, person)[day_job.pk].feasibility == engine.FEASIBLE
    # And the offer's side agrees.
    (candidate,) = store.candidates(day_job.pk)
    assert candidate.person_id == person.pk and candidate.feasibility == engine.FEASIBLE


def test_another_process_sees_a_change_at_its_next_ranking(seed, team):
    person, childcare, _, day_job = seed
    here, elsewhere = FeatureStore(), FeatureStore()
    assert _verdicts(elsewhere, person)[day_job.pk].feasibility == engine.NOT_FEASIBLE
    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    assert _verdicts(here, person)[day_job.pk].feasibility == engine.FEASIBLE_IF
    assert _verdicts(elsewhere, person)[day_job.pk].feasibility == engine.FEASIBLE_IF


def test_a_ranking_without_change_asks_the_database_one_question(seed):
    person, _, _, day_job = seed
    store = FeatureStore()
    store.offers(person.pk)
    with CaptureQueriesContext(connection) as queries:
        store.offers(person.pk)
        store.candidates(day_job.pk)
    assert len(queries) == 2  # one look at the trail per ranking


def test_a_change_reloads_only_the_person_it_names(seed, team, followed):
    person, _, _, day_job = seed
    store = FeatureStore()
    store.offers(person.pk)
    person_update(person=person, actor=team.colleague, data={"max_travel_km": 30})
    with CaptureQueriesContext(connection) as queries:
        store.offers(person.pk)
    sql = " ".join(q["sql"] for q in queries)
    assert f"IN ({person.pk})" in sql.replace("'", "")
    assert len(queries) < 12


def test_a_new_wish_and_an_offer_changed_are_seen(seed, team):
    person, childcare, packing_job, _ = seed
    store = FeatureStore()
    barrier_change_status(barrier=childcare, to_status=BarrierStatus.LIFTED, user=team.colleague)
    assert store.candidates(packing_job.pk) == []  # no link to her wishes
    wish_add(person=person, appellation=packing_job.appellation, actor=team.colleague)
    (found,) = store.candidates(packing_job.pk)
    assert found.components[0].explanation.endswith("2e métier souhaité")
    assert found.feasibility == engine.NOT_FEASIBLE


def test_a_person_already_introduced_to_the_offer_is_left_out(seed, team):
    from offers.services import introduction_create

    person, childcare, _, day_job = seed
    store = FeatureStore()
    barrier_change_status(barrier=childcare, to_status=BarrierStatus.LIFTED, user=team.colleague)
    assert [p.person_id for p in store.candidates(day_job.pk)] == [person.pk]
    introduction_create(
        offer=day_job, person=person, organization=team.organization, user=team.colleague
    )
    assert store.candidates(day_job.pk) == []
    assert day_job.pk not in _verdicts(store, person)


PROTECTED = {
    "birth_date": datetime.date(1950, 1, 1),
    "receives_rsa": True,
    "receives_ass": True,
    "receives_aah": True,
    "other_benefits": "Allocation de soutien familial",
    "disabled_worker": True,
}


def test_age_disability_and_benefits_move_no_score(seed, team):
    person, childcare, _, _ = seed
    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    store = FeatureStore()
    before = _verdicts(store, person)
    person_update(person=person, actor=team.colleague, data=PROTECTED)
    after = _verdicts(store, person)
    assert after == before
    # The store did reload her (her entry was read), and nothing it holds moved.
    assert FeatureStore().offers(person.pk) == store.offers(person.pk)


def test_the_employer_saying_written_french_is_needed_is_seen_by_the_ranking(seed, team):
    from offers.services import offer_update
    from tests.barriers.helpers import identify

    person, childcare, _, day_job = seed
    barrier_change_status(barrier=childcare, to_status=BarrierStatus.LIFTED, user=team.colleague)
    identify(person, "langue-francais-a-apprendre", team.colleague, team.organization)
    store = FeatureStore()
    assert _verdicts(store, person)[day_job.pk].feasibility == engine.FEASIBLE

    offer_update(offer=day_job, user=team.colleague, data={"written_french_required": True})
    day = _verdicts(store, person)[day_job.pk]
    assert day.feasibility == engine.NOT_FEASIBLE
    assert any("français" in reason for reason in day.reasons)
