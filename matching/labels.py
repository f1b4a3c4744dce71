"""How the pages name the engine's words: the verdicts as DSFR badges, the components
as row headings."""

from matching.feasibility import FEASIBLE, FEASIBLE_IF, NOT_FEASIBLE

FEASIBILITY_LABELS = {
    FEASIBLE: "Possible",
    FEASIBLE_IF: "Possible si…",
    NOT_FEASIBLE: "Pas possible",
}

# Where the condition cannot be named (a list of choices, the employer's eyes).
PLAIN_LABELS = {
    FEASIBLE: "possible",
    FEASIBLE_IF: "possible sous condition",
    NOT_FEASIBLE: "pas possible",
}

BADGE_CLASSES = {
    FEASIBLE: "fr-badge--success",
    FEASIBLE_IF: "fr-badge--warning",
    NOT_FEASIBLE: "fr-badge--error",
}

COMPONENT_LABELS = {
    "metier": "Métier",
    "trajet": "Trajet",
    "horaires": "Horaires",
    "permis": "Permis et véhicule",
    "physique": "Exigences physiques",
    "francais": "Français écrit",
    "disponibilite": "Disponibilité",
    "contrat": "Contrat",
    "priorite": "Priorité",
    "equite": "Équité",
}


def badge_text(pair, hidden: str) -> str:
    """« Possible », « Possible si solution de garde », « Pas possible »; a condition the
    user may not read is « Possible sous condition »."""
    if pair.feasibility == FEASIBLE_IF:
        if pair.lifting_label and pair.lifting_label != hidden:
            return f"Possible {pair.lifting_label}"
        return "Possible sous condition"
    return FEASIBILITY_LABELS[pair.feasibility]
