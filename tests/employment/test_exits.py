"""The exit rules over the whole space of contract types and lengths, the 6-month
boundary included, against an independent statement of domain.md's table."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from employment import services
from employment.enums import BreakReason, ContractType
from employment.exits import exit_reason_for, lasts_durably, proposed_exit
from pathways.enums import EXIT_CATEGORY_OF, ExitCategory, ExitReason
from tests.employment.helpers import hire
from tests.factories.organizations import OrganizationFactory

FIXED_TERM = {
    ContractType.CDD,
    ContractType.CDDI,
    ContractType.TEMP,
    ContractType.PRO,
    ContractType.APPRENTICE,
}

starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def six_months_later(start: date) -> date:
    """The same day six months on, clamped to the month's end; written apart from
    `lib.calendar_months` on purpose."""
    month = start.month + 6
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = start.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def test_exactly_six_months_is_durable_and_one_day_less_is_not():
    start = date(2026, 1, 5)
    assert exit_reason_for("CDD", start, date(2026, 7, 4)) == ExitReason.LONG_FIXED_TERM
    assert exit_reason_for("CDD", start, date(2026, 7, 3)) == ExitReason.SHORT_FIXED_TERM
    # From 31 August, six months end on the last day of February.
    assert lasts_durably(date(2025, 8, 31), date(2026, 2, 27))
    assert not lasts_durably(date(2025, 8, 31), date(2026, 2, 26))


@given(
    contract_type=st.sampled_from(ContractType.values),
    start=starts,
    days=st.integers(min_value=0, max_value=1200),
    open_ended=st.booleans(),
    by_siae=st.booleans(),
)
def test_the_exit_follows_the_type_and_the_length(contract_type, start, days, open_ended, by_siae):
    end = None if open_ended else start + timedelta(days=days)
    reason = exit_reason_for(contract_type, start, end, by_siae=by_siae)
    category = EXIT_CATEGORY_OF[reason]
    if by_siae:
        expected = ExitCategory.POSITIVE
    elif contract_type in (ContractType.CDI, ContractType.CDI_TEMP):
        expected = ExitCategory.DURABLE
    elif contract_type == ContractType.SUBSIDISED:
        expected = ExitCategory.TRANSITION
    else:
        assert contract_type in FIXED_TERM
        six_months = end is None or end >= six_months_later(start) - timedelta(days=1)
        expected = ExitCategory.DURABLE if six_months else ExitCategory.TRANSITION
    assert category == expected


@given(contract_type=st.sampled_from(sorted(FIXED_TERM)), start=starts)
def test_around_the_boundary_one_day_makes_the_difference(contract_type, start):
    last_day = six_months_later(start) - timedelta(days=1)
    assert exit_reason_for(contract_type, start, last_day) == ExitReason.LONG_FIXED_TERM
    before = exit_reason_for(contract_type, start, last_day - timedelta(days=1))
    assert before == ExitReason.SHORT_FIXED_TERM


@pytest.mark.django_db
def test_the_latest_contract_gives_the_proposal(team, followed):
    assert proposed_exit(followed.pathway) is None
    hire(team, followed, start=date(2026, 1, 5), end_date=date(2026, 3, 31))
    assert proposed_exit(followed.pathway).reason == ExitReason.SHORT_FIXED_TERM
    hire(team, followed, contract_type="CDI", start=date(2026, 4, 1))
    proposal = proposed_exit(followed.pathway)
    assert (proposal.reason, proposal.category) == (ExitReason.CDI, ExitCategory.DURABLE)


@pytest.mark.django_db
def test_a_broken_contract_proposes_nothing_and_a_hire_by_another_siae_is_positive(team, followed):
    contract = hire(team, followed, contract_type="CDI")
    services.contract_break(
        contract=contract, reason=BreakReason.DISMISSAL, on=date(2026, 2, 1), user=team.colleague
    )
    assert proposed_exit(followed.pathway) is None
    hire(
        team,
        followed,
        company=None,
        employer_organization=OrganizationFactory(kind="EI"),
        contract_type="CDD",
    )
    assert proposed_exit(followed.pathway).category == ExitCategory.POSITIVE


@pytest.mark.django_db
def test_the_structure_s_own_contract_is_the_pathway_not_its_exit(team, followed):
    team.organization.kind = "ACI"
    team.organization.save()
    hire(team, followed, company=None, employer_organization=team.organization)
    assert proposed_exit(followed.pathway) is None
