"""The contract's lifecycle (`lib.lifecycle`): a contract runs, then ends at its term
or breaks early (with a reason). Both ends are final: a new job is a new contract."""

from employment.enums import ContractState as S
from lib.lifecycle import Lifecycle

LIFECYCLE = Lifecycle(
    S,
    {S.RUNNING: (S.ENDED, S.BROKEN)},
    actions={S.ENDED: "Terminer à son terme", S.BROKEN: "Déclarer une rupture anticipée"},
    refusal="Ce contrat est « {current_lower} » : il ne peut plus être « {wanted_lower} ».",
)
