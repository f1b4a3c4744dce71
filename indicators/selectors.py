"""The one place figures come from. Pages, the API, the exports and the reports call
`indicator_table(scope, period)`; the home page and the referral lists call the
functions below. Read-only: nothing here writes.

    rows = indicator_table(scope_for(user, "organisation:12"), Period(start, end))
    for code, label, value, previous_value, unit, *_ in rows: ...

Each row carries the value and the previous period's value as numbers (None when there
is nothing to count from, or when the figure is hidden under 5 people in a view across
organizations) and as the text every screen and file writes (`shown`).

How it is counted: each section reads each of its tables once for the period and the one
before together (conditional aggregates, `FILTER (WHERE …)`, over the rows of both),
breakdowns grouped by their column and summed here; PostgreSQL computes the medians
(`percentile_disc`) and retention (calendar months) itself, SQLite reads the few dates
they need. About twenty queries whatever the size of the scope. `indicators.naive`
computes the same figures one query per indicator: the tests check that both agree."""

from datetime import date
from typing import NamedTuple

from django.utils import timezone

from access.policy import Capability, can
from indicators import barriers, employers, funnel, outcomes, people, referrals
from indicators.catalogue import Figure, Indicator, Section, Unit
from indicators.periods import Period
from indicators.referrals import referral_figures
from indicators.scopes import Scope
from indicators.suppression import is_hidden, shown
from pathways.selectors import worklist_counts
from plans.selectors import overdue_actions
from referrals.selectors import awaiting_answer_counts

__all__ = ["Row", "catalogue", "indicator_table", "referral_figures", "today_counts"]


class Row(NamedTuple):
    code: str
    label: str
    value: float | int | None
    previous_value: float | int | None
    unit: Unit
    definition: str
    section: Section
    breakdown: str
    shown: str
    previous_shown: str


def catalogue() -> list[Indicator]:
    """Every indicator, in the order of the page."""
    return [
        *people.indicators(),
        *referrals.indicators(),
        *barriers.indicators(),
        *employers.indicators(),
        *funnel.indicators(),
        *outcomes.indicators(),
    ]


def _figures(scope: Scope, periods: list[Period], today: date) -> list[dict[str, Figure]]:
    """{code: Figure} for each period: one query per table, each counting every period
    at once (conditional aggregates over the rows of all of them)."""
    results = [{} for _ in periods]
    for computed in (
        people.compute(scope, periods),
        referrals.compute(scope, periods),
        barriers.compute(scope, periods),
        employers.compute(scope, periods),
        funnel.compute(scope, periods, today),
        outcomes.compute(scope, periods, today),
    ):
        for figures, found in zip(results, computed, strict=True):
            figures.update(found)
    return results


def _kept(figure: Figure, unit: Unit, across: bool):
    if is_hidden(figure, unit, across_organizations=across):
        return None
    return figure.value


def indicator_table(scope: Scope, period: Period, *, today: date | None = None) -> list[Row]:
    """Every indicator of `scope` over `period`, beside the period before it."""
    today = today or timezone.localdate()
    current, previous = _figures(scope, [period, period.previous()], today)
    return rows_of(scope, current, previous)


def rows_of(scope: Scope, current: dict[str, Figure], previous: dict[str, Figure]) -> list[Row]:
    """The rows of the catalogue from the figures of the period and the one before."""
    across = scope.across_organizations
    rows = []
    for indicator in catalogue():
        now, before = current[indicator.code], previous[indicator.code]
        unit = indicator.unit
        rows.append(
            Row(
                indicator.code,
                indicator.label,
                _kept(now, unit, across),
                _kept(before, unit, across),
                unit,
                indicator.definition,
                indicator.section,
                indicator.breakdown,
                shown(now, unit, across_organizations=across),
                shown(before, unit, across_organizations=across),
            )
        )
    return rows


def today_counts(user, organization) -> dict:
    """The home page's « Aujourd'hui » figures for `organization`, each one aggregate
    whatever the size of the structure: the worklist's (PASS IAE ending within 90 days,
    people without contact for 30 days), the user's overdue actions, and the referrals
    awaiting an answer (received and sent). Only those the organization's kind concerns."""
    follows = can(user, Capability.FOLLOW_PERSONS, organization)
    refers = can(user, Capability.REFER_PERSONS, organization)
    counts = {}
    if follows or refers:
        awaiting = awaiting_answer_counts(user, organization)
    if follows:
        worklist = worklist_counts(organization, user)
        counts.update(
            passes_ending=worklist["passes_ending"],
            without_contact=worklist["without_contact"],
            overdue_actions=overdue_actions(user).count(),
            referrals_received=awaiting["received"],
        )
    if refers:
        counts["referrals_sent"] = awaiting["sent"]
    return counts
