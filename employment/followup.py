"""The dual follow-up's calendar: when each checkpoint falls after the contract starts.
One place for the defaults, until each structure can set its own."""

from datetime import date, timedelta

from employment.enums import Step
from lib.calendar_months import add_months

DEFAULT_STEPS = (Step.WEEK_1, Step.MONTH_1, Step.MONTH_3, Step.MONTH_6)


def planned_on(step: str, start: date) -> date:
    if step == Step.WEEK_1:
        return start + timedelta(days=7)
    months = {Step.MONTH_1: 1, Step.MONTH_3: 3, Step.MONTH_6: 6}[step]
    return add_months(start, months)


def steps_for(start: date, end: date | None, *, steps=DEFAULT_STEPS) -> list[tuple[str, date]]:
    """(step, planned date) of the checkpoints of a contract from `start` to `end`:
    those that fall after the planned end are not held, but the first always is."""
    dates = [(step, planned_on(step, start)) for step in steps]
    kept = [(step, when) for step, when in dates if end is None or when <= end]
    return kept or dates[:1]
