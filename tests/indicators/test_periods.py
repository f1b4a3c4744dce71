from datetime import date

import pytest

from indicators.periods import Period, last_quarter, quarter_of


def test_the_previous_period_has_the_same_length_and_ends_the_day_before():
    period = Period(date(2026, 7, 1), date(2026, 9, 30))
    assert period.previous() == Period(date(2026, 4, 1), date(2026, 6, 30))


def test_the_last_quarter_of_a_january_day_is_the_previous_years_last():
    assert last_quarter(date(2026, 1, 15)) == Period(date(2025, 10, 1), date(2025, 12, 31))


def test_the_quarter_of_a_day_covers_three_whole_months():
    assert quarter_of(date(2026, 11, 30)) == Period(date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_of(date(2026, 2, 28)) == Period(date(2026, 1, 1), date(2026, 3, 31))


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        Period(date(2026, 2, 1), date(2026, 1, 1))


def test_a_period_of_days_is_compared_with_as_many_days_before():
    period = Period(date(2026, 3, 10), date(2026, 3, 19))
    assert period.previous() == Period(date(2026, 2, 28), date(2026, 3, 9))
