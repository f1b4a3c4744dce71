from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lib.calendar_months import add_months


def test_a_shorter_month_ends_on_its_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)), months=st.integers(0, 60)
)
def test_it_lands_in_the_right_month_on_the_same_day_or_the_month_s_last(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    same_day = result.day == day.day
    last_of_month = result.day < day.day and (result + timedelta(days=1)).day == 1
    assert same_day or last_of_month
