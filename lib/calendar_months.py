"""Calendar months: the same day some months later, the last day of the month when that
month is shorter (31 January + 1 month = 28 or 29 February), as contracts count them."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
