"""The Sas IAE: a pre-pathway for people whom an IAE pathway would not help yet (seed
000, « proto-accompagnement »). It has no PASS IAE, and it is short: it prepares the
entry into IAE while the eligibility diagnosis that opens it still stands, which is six
months (`pathways.eligibility`). Once ready, the person is handed over to an IAE
pathway, in the same structure or another, which links back to the Sas
(`pathways.services.sas_handover`)."""

from datetime import date, timedelta

MAX_MONTHS = 6

TOO_LONG = (
    f"Un Sas IAE dure au plus {MAX_MONTHS} mois : passez le relais à un parcours IAE "
    "ou clôturez-le."
)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the last day of that month if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def latest_end(started_on: date) -> date:
    """The last day a Sas started on `started_on` may run."""
    return add_months(started_on, MAX_MONTHS) - timedelta(days=1)


def is_overdue(started_on: date, today: date) -> bool:
    return today > latest_end(started_on)
