"""The lifecycle of a proposed change to the identity of a company that has its own
account (`companies.models.ChangeProposal`), stated once (`lib.lifecycle`):

    proposed ─▶ accepted | refused

- proposed: a structure asked the owner to change some identity fields (name, SIRET,
  sector, size, commune, address, website); nothing changes in the register yet.
- accepted: a member of the owner's organization applied the change, in one
  transaction with the register's history (`CompanyChange`) and the audit trail.
- refused: the owner declined it, with a reason; the register keeps its values.
accepted and refused are final: a new change is a new proposal."""

from companies.enums import ProposalState as P
from lib.lifecycle import Lifecycle

PROPOSAL_LIFECYCLE = Lifecycle(
    P,
    {P.PROPOSED: (P.ACCEPTED, P.REFUSED)},
    actions={P.ACCEPTED: "Accepter", P.REFUSED: "Refuser"},
    refusal="Cette proposition est déjà « {current_lower} » : elle ne change plus.",
)
