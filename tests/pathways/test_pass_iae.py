"""The PASS IAE's number and its two years on the calendar."""

import calendar
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from pathways import pass_iae

starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def leap_days_between(first: date, last: date) -> int:
    return sum(
        1
        for year in range(first.year, last.year + 1)
        if calendar.isleap(year) and first <= date(year, 2, 29) <= last
    )


@given(starts)
def test_a_pass_covers_two_calendar_years_to_the_day(start):
    end = pass_iae.base_end(start)
    covered = (end - start).days + 1
    # Every day of the two years, the 29 February among them when there is one.
    assert covered == 730 + leap_days_between(start, end)


@given(starts)
def test_the_day_after_a_pass_is_its_second_anniversary(start):
    following = pass_iae.base_end(start) + timedelta(days=1)
    assert following.year == start.year + 2
    if (start.month, start.day) == (2, 29) and not calendar.isleap(start.year + 2):
        assert (following.month, following.day) == (3, 1)
    else:
        assert (following.month, following.day) == (start.month, start.day)


@given(starts, st.integers(min_value=0, max_value=800))
def test_suspensions_push_the_end_by_their_days(start, pushed):
    assert pass_iae.end_of(start, pushed) - pass_iae.base_end(start) == timedelta(days=pushed)


@pytest.mark.parametrize(
    "start, end",
    [
        (date(2024, 2, 29), date(2026, 2, 28)),
        (date(2024, 3, 1), date(2026, 2, 28)),
        (date(2024, 2, 28), date(2026, 2, 27)),
        (date(2023, 3, 1), date(2025, 2, 28)),
        (date(2025, 1, 1), date(2026, 12, 31)),
        (date(2026, 2, 28), date(2028, 2, 27)),
        (date(2026, 3, 1), date(2028, 2, 29)),
    ],
)
def test_known_ends_on_the_calendar(start, end):
    assert pass_iae.base_end(start) == end


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("999992412345", "999992412345"),
        ("99999 24 12345", "999992412345"),
        (" 99999.24.12345 ", "999992412345"),
        ("12345 19 00042", "123451900042"),  # an agreement France Travail issued earlier
    ],
)
def test_a_pass_number_is_twelve_digits_whatever_the_spaces(typed, stored):
    assert pass_iae.check_number(typed) == stored


@pytest.mark.parametrize(
    "typed", ["P1", "99999241234", "9999924123456", "99999A412345", "", "９９９９９２４１２３４５"]
)
def test_any_other_number_is_refused_in_french(typed):
    with pytest.raises(ValidationError) as refused:
        pass_iae.check_number(typed)
    assert "12 chiffres" in refused.value.messages[0]


@given(st.text(max_size=20))
def test_no_text_passes_unless_it_is_twelve_digits(text):
    try:
        stored = pass_iae.check_number(text)
    except ValidationError:
        return
    assert len(stored) == 12 and stored.isascii() and stored.isdigit()
