"""Retention at 1, 3 and 6 months: whether the person still held the job, over the whole
space of start, planned end, early end and today (generated), and where it shows."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employment import services
from employment.exits import lasts_durably
from employment.selectors import RETENTION_MONTHS, Retained, retention_at, retention_of
from lib.calendar_months import add_months
from tests.employment.helpers import hire

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def contracts(draw):
    """(start, planned end or None, early end or None, today)."""
    start = draw(DAYS)
    planned_end = draw(st.none() | st.integers(0, 400).map(lambda d: start + timedelta(days=d)))
    ended_on = None
    if draw(st.booleans()):
        last = planned_end or start + timedelta(days=500)
        span = (last - start).days
        ended_on = start + timedelta(days=draw(st.integers(0, span)))
    today = start + timedelta(days=draw(st.integers(-10, 500)))
    if ended_on is not None and today < ended_on:
        today = ended_on  # an end is recorded once it happened
    return start, planned_end, ended_on, today


def _all(start, planned_end, ended_on, today):
    return [
        retention_at(start=start, months=m, ended_on=ended_on, planned_end=planned_end, today=today)
        for m in RETENTION_MONTHS
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contracts())
def test_retention_says_yes_no_or_not_yet_by_the_facts(case):
    start, planned_end, ended_on, today = case
    for months, value in zip(RETENTION_MONTHS, _all(*case), strict=True):
        last_day_of_month = add_months(start, months) - timedelta(days=1)
        if ended_on is not None:
            # A recorded end is known at once, whatever today is.
            assert value == (Retained.YES if ended_on >= last_day_of_month else Retained.NO)
        elif planned_end is not None and planned_end < today:
            # The term passed without a renewal: the job ended then.
            assert value == (Retained.YES if planned_end >= last_day_of_month else Retained.NO)
        elif today < last_day_of_month:
            assert value == Retained.NOT_YET
        else:
            assert value == Retained.YES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contracts())
def test_retention_never_comes_back_once_lost_nor_is_known_later_before_earlier(case):
    values = _all(*case)
    for earlier, later in zip(values, values[1:], strict=False):
        if earlier == Retained.NO:
            assert later == Retained.NO
        if later == Retained.YES:
            assert earlier == Retained.YES
        if earlier == Retained.NOT_YET:
            assert later != Retained.YES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contracts())
def test_six_months_held_is_the_durable_boundary_of_the_exits(case):
    start, planned_end, ended_on, today = case
    if ended_on is None:
        return
    six = retention_at(
        start=start, months=6, ended_on=ended_on, planned_end=planned_end, today=today
    )
    assert (six == Retained.YES) == lasts_durably(start, ended_on)


def test_the_boundaries_by_hand():
    start = date(2026, 1, 5)
    held = {"start": start, "planned_end": None, "today": date(2027, 1, 1)}
    # A CDD of exactly one month (5 January - 4 February) holds one month.
    assert retention_at(months=1, ended_on=date(2026, 2, 4), **held) == Retained.YES
    assert retention_at(months=1, ended_on=date(2026, 2, 3), **held) == Retained.NO
    assert (
        retention_at(start=start, months=3, ended_on=None, planned_end=None, today=date(2026, 4, 3))
        == Retained.NOT_YET
    )
    assert (
        retention_at(start=start, months=3, ended_on=None, planned_end=None, today=date(2026, 4, 4))
        == Retained.YES
    )


@pytest.mark.django_db
def test_a_broken_contract_shows_its_retention_on_its_page_and_in_the_api(
    client, team, followed, bearer
):
    contract = hire(team, followed)  # 5 January 2026 - 4 July 2026
    services.contract_change(
        contract=contract,
        kind="permanent",
        effective_on=date(2026, 3, 1),
        user=team.colleague,
    )
    services.contract_break(
        contract=contract, reason="dismissal", on=date(2026, 5, 20), user=team.colleague
    )
    contract.refresh_from_db()
    assert [row["retained"] for row in retention_of(contract)] == ["yes", "yes", "no"]
    client.force_login(team.colleague)
    body = client.get(reverse("contract_detail", args=[followed.person.pk, contract.pk]))
    text = body.content.decode()
    assert "Maintien dans l&#x27;emploi" in text or "Maintien dans l'emploi" in text
    assert text.count("Oui, en poste") == 2 and "À 6 mois (04/07/2026)" in text
    api = client.get(f"/api/v1/contracts/{contract.pk}", headers=bearer(team.colleague))
    assert [(r["months"], r["retained"]) for r in api.json()["retention"]] == [
        (1, "yes"),
        (3, "yes"),
        (6, "no"),
    ]
