"""A period as the filters of a query: dates compared as dates, instants as the local
midnights around them (so an index on the column is used, on SQLite and PostgreSQL)."""

from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import Aggregate, Q
from django.utils import timezone

from indicators.periods import Period


def instants(period: Period) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(period.start, time.min, tzinfo=zone)
    after = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone)
    return start, after


def on_dates(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def at_instants(field: str, period: Period) -> Q:
    start, after = instants(period)
    return Q(**{f"{field}__gte": start, f"{field}__lt": after})


def median(values) -> float | None:
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def spanning(periods) -> Period:
    """The days of all the periods (contiguous: a period and the one before): what a
    query reads once to count each of them."""
    return Period(min(p.start for p in periods), max(p.end for p in periods))


def suffixed(name: str, index: int) -> str:
    return f"{name}__{index}"


def counts(values: dict, index: int, names) -> dict:
    """{name: value} of the period `index` from an aggregate keyed `name__index`
    (a sum over no row is None: zero)."""
    return {name: values[suffixed(name, index)] or 0 for name in names}


class MiddleLow(Aggregate):
    """PostgreSQL: the lower middle value of an ordered set (the middle one when there is
    an odd number), `percentile_disc(0.5)`; with `descending`, the upper middle. Their
    mean is the median the Python `median` computes, to the last bit."""

    function = "PERCENTILE_DISC"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s%(direction)s)"

    def __init__(self, expression, *, descending=False, **extra):
        super().__init__(expression, direction=" DESC" if descending else "", **extra)


def middle(low, high, count: int):
    """The median from the two middle values of `count` values: the middle one when the
    count is odd, else their mean (as `median`)."""
    if not count:
        return None
    return low if count % 2 else (low + high) / 2


def computed_in_database() -> bool:
    """Medians and calendar months are computed by the database on PostgreSQL; on SQLite
    (development, tests) the few values they need are read and computed here."""
    return connection.vendor == "postgresql"
