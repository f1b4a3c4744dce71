"""Contracts for the tests: a hire of the followed person by a company of the register."""

from datetime import date

from employment import services
from employment.enums import ContractType
from tests.offers.helpers import company


def hire(team, followed, *, contract_type=ContractType.CDD, start=date(2026, 1, 5), **terms):
    arguments = {
        "end_date": None if contract_type in ("CDI", "CDI_TEMP") else date(2026, 7, 4),
        "hours_per_week": 35,
        "company": company(),
        **terms,
    }
    return services.contract_create(
        pathway=followed.pathway,
        user=team.colleague,
        contract_type=contract_type,
        start_date=start,
        **arguments,
    )
