"""The exit a pathway's facts point to, by the IAE's « sorties dynamiques »
(docs: ../shared/docs/domain.md, « Exit categories »):

- durable: CDI, CDI intérimaire, or a fixed-term or temp contract of 6 months or more
  (6 months exactly counts as durable);
- transition: a fixed-term or temp contract under 6 months, a subsidised contract;
- positive: a hire by another SIAE;
- nothing proposed when there is no fact to go on (the counsellor chooses).

A contract that broke early says nothing of where the person is now, and the
structure's own contracts (the CDDI of the IAE pathway itself) are the pathway, not its
exit: neither is taken as the fact."""

import dataclasses
from datetime import date, timedelta

from employment.enums import ContractState, ContractType
from employment.models import Contract
from lib.calendar_months import add_months
from organizations.enums import OrganizationKind
from pathways.enums import EXIT_CATEGORY_OF, ExitCategory, ExitReason

DURABLE_MONTHS = 6

# The SIAE proper: a hire there is a positive exit. A GEIQ or an EBE hires as any
# employer does, by the contract's type and length.
SIAE_KINDS = (
    OrganizationKind.ACI,
    OrganizationKind.AI,
    OrganizationKind.EI,
    OrganizationKind.ETTI,
    OrganizationKind.EITI,
)


@dataclasses.dataclass(frozen=True)
class ProposedExit:
    reason: str
    category: str
    contract: Contract | None = None

    @property
    def reason_label(self) -> str:
        return ExitReason(self.reason).label

    @property
    def category_label(self) -> str:
        return ExitCategory(self.category).label


def lasts_durably(start: date, end: date | None) -> bool:
    """A contract from `start` to `end` (its last day, included) covers 6 months or more;
    no end is no term."""
    if end is None:
        return True
    return end + timedelta(days=1) >= add_months(start, DURABLE_MONTHS)


def exit_reason_for(
    contract_type: str, start: date, end: date | None, *, by_siae: bool = False
) -> str:
    """The exit reason a contract of this type, from `start` to `end`, stands for."""
    if by_siae:
        return ExitReason.OTHER_SIAE
    if contract_type == ContractType.CDI:
        return ExitReason.CDI
    if contract_type == ContractType.CDI_TEMP:
        return ExitReason.CDI_TEMP
    if contract_type == ContractType.SUBSIDISED:
        return ExitReason.SUBSIDISED
    if lasts_durably(start, end):
        return ExitReason.LONG_FIXED_TERM
    return ExitReason.SHORT_FIXED_TERM


def proposed_exit(pathway) -> ProposedExit | None:
    """The exit the pathway's latest contract points to, or None without one."""
    contract = (
        Contract.objects.filter(pathway=pathway)
        .exclude(state=ContractState.BROKEN)
        .exclude(employer_organization=pathway.organization_id)
        .select_related("employer_organization")
        .order_by("-start_date", "-id")
        .first()
    )
    if contract is None:
        return None
    employer = contract.employer_organization
    reason = exit_reason_for(
        contract.contract_type,
        contract.start_date,
        contract.ended_on or contract.end_date,
        by_siae=employer is not None and employer.kind in SIAE_KINDS,
    )
    return ProposedExit(reason=reason, category=EXIT_CATEGORY_OF[reason], contract=contract)
