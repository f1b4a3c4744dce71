"""The sessions of a recurring drop-in, worked out from its rule: weekly on a weekday,
every N weeks, from the first session's date until a date (included). The rule is
stored on the event (and written as an RRULE in the calendar feed, `events.ical`); the
sessions are materialised as `Occurrence` rows so that each one carries its attendance.

Times are wall-clock times in the platform's time zone: « every Tuesday from 9:00 to
12:00 » stays at 9:00 across the change to summer time."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

# A rule without an end date is materialised this far ahead; the schedule extends it.
HORIZON_DAYS = 366
# No rule yields more sessions than this (two years of weekly drop-ins).
MAX_SESSIONS = 110


@dataclass(frozen=True)
class Rule:
    weekday: int  # 0 = Monday
    interval: int  # weeks
    until: date | None

    def rrule(self) -> str:
        """The rule in RFC 5545's words (BYDAY, INTERVAL, UNTIL at the end of the day)."""
        days = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
        parts = ["FREQ=WEEKLY", f"BYDAY={days[self.weekday]}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.until:
            end = timezone.make_aware(datetime.combine(self.until, time(23, 59, 59)))
            parts.append(f"UNTIL={end.astimezone(UTC):%Y%m%dT%H%M%SZ}")
        return ";".join(parts)


def first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def session_times(
    starts_at: datetime, ends_at: datetime, rule: Rule, *, today: date | None = None
) -> list[tuple[datetime, datetime]]:
    """(start, end) of each session: the first on the rule's weekday on or after the
    first start's date, then every `interval` weeks, until `until` or the horizon."""
    local_start = timezone.localtime(starts_at)
    local_end = timezone.localtime(ends_at)
    duration_days = (local_end.date() - local_start.date()).days
    first = first_on_or_after(local_start.date(), rule.weekday)
    today = today or timezone.localdate()
    last = rule.until or max(today, first) + timedelta(days=HORIZON_DAYS)
    found = []
    day = first
    step = timedelta(weeks=max(1, rule.interval))
    while day <= last and len(found) < MAX_SESSIONS:
        start = timezone.make_aware(datetime.combine(day, local_start.time()))
        end = timezone.make_aware(
            datetime.combine(day + timedelta(days=duration_days), local_end.time())
        )
        found.append((start, end))
        day += step
    return found
