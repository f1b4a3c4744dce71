"""The figures the benchmarks print: percentiles, the ratio between two platforms and
whether it meets its target."""

import time

import pytest

from bench.timing import p95, ratio, ratio_measure, timed


def test_p95_is_the_value_under_which_nineteen_in_twenty_fall():
    timings = [float(ms) for ms in range(1, 101)]
    assert 95 <= p95(timings) <= 96


def test_p95_is_pulled_up_by_a_slow_tail_that_the_median_ignores():
    steady = [10.0] * 100
    tail = [10.0] * 90 + [500.0] * 10
    assert p95(steady) == 10.0
    assert p95(tail) == 500.0


def test_a_page_that_does_not_depend_on_the_platform_has_a_ratio_of_one():
    assert ratio(42.0, 42.0) == 1.0


def test_a_page_twice_as_slow_on_the_larger_platform_has_a_ratio_of_two():
    assert ratio(80.0, 40.0) == 2.0


def test_a_ratio_over_nothing_measured_is_refused():
    with pytest.raises(ValueError):
        ratio(10.0, 0.0)


def test_a_ratio_within_its_target_is_met_and_shows_both_p95():
    measure = ratio_measure("Liste", 52.0, 40.0, target=1.3)
    assert measure.met is True
    assert measure.result == "1.30×"
    assert measure.baseline == "52.0 ms / 40.0 ms"
    assert measure.target == "≤ 1.3×"


def test_a_ratio_beyond_its_target_is_not_met():
    assert ratio_measure("Liste", 60.0, 40.0, target=1.3).met is False


def test_a_slow_page_stops_being_timed_once_its_budget_is_spent():
    calls = []

    def slow_case():
        calls.append(1)
        time.sleep(0.01)

    timings = timed([slow_case] * 100, budget_s=0.05, minimum=3)

    assert 3 <= len(timings) < 100
    assert all(ms >= 10 for ms in timings)


def test_without_a_budget_every_case_is_timed_after_the_warm_up():
    calls = []
    timings = timed([lambda: calls.append(1)] * 30)
    assert len(timings) == 30
    assert len(calls) == 40
