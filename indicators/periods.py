"""The period a figure is counted over, and the one it is compared with."""

from dataclasses import dataclass
from datetime import date, timedelta

from lib.calendar_months import add_months


@dataclass(frozen=True)
class Period:
    start: date  # included
    end: date  # included

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("La fin de la période précède son début.")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period just before: as many whole months when the period is whole months
        (a quarter is compared with the quarter before, a year with the year before),
        else as many days."""
        end = self.start - timedelta(days=1)
        months = self._whole_months()
        if months:
            return Period(add_months(self.start, -months), end)
        return Period(end - timedelta(days=self.days - 1), end)

    def _whole_months(self) -> int:
        following = self.end + timedelta(days=1)
        if self.start.day != 1 or following.day != 1:
            return 0
        return (following.year - self.start.year) * 12 + following.month - self.start.month

    @property
    def label(self) -> str:
        return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"


def quarter_of(day: date) -> Period:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    following = date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return Period(start, following - timedelta(days=1))


def last_quarter(today: date) -> Period:
    """The last full quarter before today's."""
    return quarter_of(quarter_of(today).start - timedelta(days=1))


def last_twelve_months(today: date) -> Period:
    return Period(today - timedelta(days=364), today)
