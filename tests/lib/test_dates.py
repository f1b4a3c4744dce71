from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from lib.dates import OUT_OF_RANGE, PlausibleDateField, check_plausible_date


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2026, 11, 30), date(2100, 12, 31)])
def test_it_accepts_a_date_within_the_range(day):
    check_plausible_date(day)
    check_plausible_date(datetime.combine(day, datetime.min.time()))


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1)])
def test_it_refuses_a_date_outside_the_range_in_french(day):
    with pytest.raises(ValidationError) as refused:
        check_plausible_date(day)
    assert refused.value.messages == [OUT_OF_RANGE] == ["Indiquez une date entre 1900 et 2100."]


def test_the_form_field_refuses_year_one_as_a_form_error():
    field = PlausibleDateField()
    with pytest.raises(ValidationError) as refused:
        field.clean("0001-01-01")
    assert refused.value.messages == [OUT_OF_RANGE]
    assert field.clean("2025-01-01") == date(2025, 1, 1)
