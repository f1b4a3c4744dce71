"""The `date` filter, for every template (a builtin of config/settings.py): the same
text as Django's, written directly for the few formats the pages use on every row.
Django's parses the format and builds a formatter object on each call, which on a list
of 25 rows with two dates costs more than the rest of the row."""

from datetime import date as Date
from datetime import datetime

from django.template import Library
from django.template.defaultfilters import date as django_date
from django.utils.dates import MONTHS

register = Library()


def _day(value) -> str:  # « d/m/Y »
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _long_day(value) -> str:  # « j F Y »
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


def _day_and_time(value) -> str:  # « d/m/Y H:i »
    return f"{_day(value)} {value.hour:02d}:{value.minute:02d}"


# Format → (types it is written for, writer). Anything else goes to Django's filter.
_WRITTEN = {
    "d/m/Y": ((Date,), _day),
    "j F Y": ((Date,), _long_day),
    "d/m/Y H:i": ((datetime,), _day_and_time),
}


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    written = _WRITTEN.get(arg)
    if written is not None and isinstance(value, written[0]):
        return written[1](value)
    return django_date(value, arg)
