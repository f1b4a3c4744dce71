"""Dates a person may type: within the years the platform can reason about.

A date typed as year 1 or 9999 is a typo, and the date arithmetic done on it (a PASS IAE
end, a diagnosis validity, an age) overflows. Forms and the API refuse the same range with
the same French message."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
OUT_OF_RANGE = f"Indiquez une date entre {EARLIEST.year} et {LATEST.year}."


def check_plausible_date(value: date | datetime | None) -> None:
    """Refuse a date (or a moment) outside EARLIEST..LATEST."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(OUT_OF_RANGE, code="date_out_of_range")


class PlausibleDateField(forms.DateField):
    default_validators = [check_plausible_date]


class PlausibleDateTimeField(forms.DateTimeField):
    default_validators = [check_plausible_date]
