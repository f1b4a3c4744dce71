"""IAE eligibility rules (domain.md, « IAE eligibility »): one level-1 criterion, or
enough level-2 criteria for the kind of structure (three for ACI/EI/EITI, two for
AI/ETTI). An authorised prescriber's diagnosis stands for 6 months."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models

from organizations.enums import OrganizationKind

VALIDITY = timedelta(days=183)


class Level1(models.TextChoices):
    RSA = "rsa", "Bénéficiaire du RSA"
    ASS = "ass", "Allocation de solidarité spécifique (ASS)"
    AAH = "aah", "Allocation aux adultes handicapés (AAH)"
    LONG_TERM_UNEMPLOYED = "ltu_24", "Demandeur d'emploi de longue durée (24 mois et plus)"


class Level2(models.TextChoices):
    LOW_QUALIFICATION = "low_qualification", "Niveau de formation inférieur au CAP/BEP"
    SENIOR = "senior_50", "50 ans et plus"
    YOUNG = "young_26", "Moins de 26 ans"
    SINGLE_PARENT = "single_parent", "Parent isolé"
    REFUGEE = "refugee", "Réfugié·e ou protection subsidiaire"
    DISABLED_WORKER = "disabled_worker", "Travailleur handicapé (RQTH)"
    QPV = "qpv", "Résident d'un quartier prioritaire (QPV)"
    ZRR = "zrr", "Résident d'une zone de revitalisation rurale (ZRR)"
    HOMELESS = "homeless", "Sans hébergement ou hébergé"
    JUSTICE = "justice", "Sous main de justice"
    NO_FRENCH = "no_french", "Maîtrise insuffisante du français"
    MOBILITY = "mobility", "Problème de mobilité"
    LONG_TERM_12 = "ltu_12", "Demandeur d'emploi de longue durée (12 à 24 mois)"


# How many level-2 criteria each kind of inclusion employer requires.
LEVEL2_REQUIRED: dict[str, int] = {
    OrganizationKind.ACI: 3,
    OrganizationKind.EI: 3,
    OrganizationKind.EITI: 3,
    OrganizationKind.AI: 2,
    OrganizationKind.ETTI: 2,
}
DEFAULT_LEVEL2_REQUIRED = 3


def is_eligible(level1: list[str], level2: list[str], structure_kind: str) -> bool:
    if level1:
        return True
    return len(set(level2)) >= LEVEL2_REQUIRED.get(structure_kind, DEFAULT_LEVEL2_REQUIRED)


def valid_until(made_on: date) -> date:
    return made_on + VALIDITY


@dataclass(frozen=True)
class Criteria:
    """The criteria of a diagnosis about to be made (with the referral that carries it)."""

    level1: list[str] = field(default_factory=list)
    level2: list[str] = field(default_factory=list)
    made_on: date | None = None
