"""The dual follow-up's calendar: when each checkpoint falls after the contract starts,
the default steps (each structure may choose its own: `FollowUpCalendar`), and when
the employer's link and the referent's reminder go out."""

from datetime import date, timedelta

from employment.enums import Step
from lib.calendar_months import add_months

DEFAULT_STEPS = (Step.WEEK_1, Step.MONTH_1, Step.MONTH_3, Step.MONTH_6)

# (days, months) after the start.
OFFSETS = {
    Step.WEEK_1: (7, 0),
    Step.WEEK_2: (14, 0),
    Step.MONTH_1: (0, 1),
    Step.MONTH_2: (0, 2),
    Step.MONTH_3: (0, 3),
    Step.MONTH_4: (0, 4),
    Step.MONTH_6: (0, 6),
    Step.MONTH_9: (0, 9),
    Step.MONTH_12: (0, 12),
}

# The employer's link stays valid this long: the time to answer, with a reminder from
# the counsellor in between.
EMPLOYER_LINK_DAYS = 30
# « À traiter » lists a side the day after it was due; the email to the referent waits a
# week more, so that it reminds of what nobody did (and leaves the employer a week to
# answer their link) instead of repeating the list.
REMINDER_DELAY = timedelta(days=7)


def default_steps() -> list[str]:
    return [str(step) for step in DEFAULT_STEPS]


def in_order(steps) -> list[str]:
    """The steps without repeats, from the earliest to the latest."""
    return sorted(set(steps), key=lambda step: planned_on(step, date(2000, 1, 1)))


def planned_on(step: str, start: date) -> date:
    days, months = OFFSETS[Step(step)]
    return add_months(start, months) + timedelta(days=days)


def steps_for(start: date, end: date | None, *, steps=DEFAULT_STEPS) -> list[tuple[str, date]]:
    """(step, planned date) of the checkpoints of a contract from `start` to `end`:
    those that fall after the planned end are not held, but the first always is."""
    dates = [(step, planned_on(step, start)) for step in in_order(steps)]
    kept = [(step, when) for step, when in dates if end is None or when <= end]
    return kept or dates[:1]
