"""The two lifecycles of cooperation, stated once (`lib.lifecycle`).

An action sheet of a working group:

    à lancer ─▶ en cours ─▶ fait
        │           │
        └───────────┴─▶ abandonnée ─▶ à lancer (relancée)

A partnership advances phase by phase; each move is dated, with its notes. Between an
employer group and an inclusion structure (seed 002) it goes through the six phases:

    première rencontre ─▶ collaborations identifiées ─▶ tensions analysées
    ─▶ document d'analyse validé ─▶ structure présentée ─▶ partenariat opérationnel

Between any two organizations (a SIAE and a company of the club), from the first meeting
straight to the operational partnership (`PHASES_OF`, checked by the service). Any phase
may end (terminé)."""

from cooperation.enums import PartnershipKind, Phase, SheetState
from lib.lifecycle import Lifecycle

S = SheetState

SHEET_LIFECYCLE = Lifecycle(
    S,
    {
        S.TO_LAUNCH: (S.IN_PROGRESS, S.ABANDONED),
        S.IN_PROGRESS: (S.DONE, S.ABANDONED),
        S.DONE: (S.IN_PROGRESS,),
        S.ABANDONED: (S.TO_LAUNCH,),
    },
    actions={
        S.IN_PROGRESS: "Lancer",
        (S.DONE, S.IN_PROGRESS): "Rouvrir",
        S.DONE: "Marquer comme fait",
        S.ABANDONED: "Abandonner",
        S.TO_LAUNCH: "Relancer",
    },
    refusal="Cette fiche est « {current_lower} » : elle ne peut pas passer à « {wanted_lower} ».",
)

# The board's columns, in order.
BOARD_COLUMNS = (S.TO_LAUNCH, S.IN_PROGRESS, S.DONE, S.ABANDONED)

P = Phase

# The phases of each kind of partnership, in order (ENDED aside).
PHASES_OF = {
    PartnershipKind.EMPLOYER_GROUP: (
        P.FIRST_MEETING,
        P.COLLABORATIONS,
        P.TENSIONS,
        P.ANALYSIS_VALIDATED,
        P.INTRODUCED,
        P.OPERATIONAL,
    ),
    PartnershipKind.OTHER: (P.FIRST_MEETING, P.OPERATIONAL),
}

PARTNERSHIP_LIFECYCLE = Lifecycle(
    P,
    {
        P.FIRST_MEETING: (P.COLLABORATIONS, P.OPERATIONAL, P.ENDED),
        P.COLLABORATIONS: (P.TENSIONS, P.ENDED),
        P.TENSIONS: (P.ANALYSIS_VALIDATED, P.ENDED),
        P.ANALYSIS_VALIDATED: (P.INTRODUCED, P.ENDED),
        P.INTRODUCED: (P.OPERATIONAL, P.ENDED),
        P.OPERATIONAL: (P.ENDED,),
    },
    field="phase",
    actions={P.ENDED: "Mettre fin au partenariat"},
    refusal="Ce partenariat est à la phase « {current_lower} » : "
    "il ne peut pas passer à « {wanted_lower} ».",
)


def next_phases(kind: str, phase: str) -> list[tuple[str, str]]:
    """(phase, button word) of the moves a partnership of `kind` may make from `phase`:
    the next phase of its kind, and the end."""
    order = PHASES_OF[kind]
    options = []
    for to, word in PARTNERSHIP_LIFECYCLE.options(phase):
        if to == P.ENDED or (
            phase in order and to in order and order.index(to) == order.index(phase) + 1
        ):
            label = word if to == P.ENDED else f"Passer à « {PARTNERSHIP_LIFECYCLE.label(to)} »"
            options.append((to, label))
    return options


def phase_number(kind: str, phase: str) -> int | None:
    """1 for the first phase of the kind; None for the end."""
    order = PHASES_OF[kind]
    return order.index(phase) + 1 if phase in order else None
