"""The PASS IAE as the ASP numbers and dates it.

The number is the ASP's « numéro d'agrément »: twelve digits. The plateforme de
l'inclusion issues them under its own prefix, 99999 (then the year on two digits and a
sequence of five); the agreements France Travail issued before it carry the issuing
agency's code instead, and are still valid numbers. People copy the number as it is
printed, with spaces or dots every few digits: those are dropped, nothing else is.

A PASS runs two years: from its first day to the eve of its second anniversary. The
anniversary of 29 February in a common year is 1 March (the day that follows 28
February), so a PASS starting 29 February 2024 ends on 28 February 2026 and, like any
PASS, covers every day of two calendar years, its 29 February included.
"""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError

PASS_YEARS = 2
PLATFORM_PREFIX = "99999"
NUMBER_LENGTH = 12
_SEPARATORS = re.compile(r"[\s.\-]+")

NUMBER_MESSAGE = (
    "Le numéro de PASS IAE compte 12 chiffres, par exemple 99999 24 12345 pour un PASS "
    "délivré par la plateforme de l'inclusion (les espaces sont acceptés)."
)


def normalized_number(number: str) -> str:
    """The number without the spaces, dots or dashes it was copied with."""
    return _SEPARATORS.sub("", number or "")


def check_number(number: str) -> str:
    """The number as stored, or a ValidationError in French."""
    digits = normalized_number(number)
    if len(digits) != NUMBER_LENGTH or not digits.isascii() or not digits.isdigit():
        raise ValidationError(NUMBER_MESSAGE, code="pass_number")
    return digits


def anniversary(start: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 1 March in a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February, and the target year is a common year
        return date(start.year + years, 3, 1)


def base_end(start: date) -> date:
    """The last day of a PASS starting on `start`, before any suspension or extension:
    two years minus a day, on the calendar."""
    return anniversary(start, PASS_YEARS) - timedelta(days=1)


def end_of(start: date, pushed_days: int = 0) -> date:
    """The last day, pushed by the days of suspensions and extensions."""
    return base_end(start) + timedelta(days=pushed_days)
