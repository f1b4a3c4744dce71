from django.db import models


class KindGroup(models.TextChoices):
    PRESCRIBER = "prescriber", "Prescripteur"
    INCLUSION_EMPLOYER = "inclusion_employer", "Employeur inclusif"
    EMPLOYMENT_HUB = "employment_hub", "Lieu d'accompagnement vers l'emploi"
    EMPLOYER_GROUP = "employer_group", "Groupement d'employeurs"
    COMPANY = "company", "Entreprise"
    PARTNER_SERVICE = "partner_service", "Service partenaire"
    COORDINATOR = "coordinator", "Coordinateur ou financeur"


class OrganizationKind(models.TextChoices):
    # Prescribers
    FRANCE_TRAVAIL = "FT", "France Travail"
    CAP_EMPLOI = "CAP_EMPLOI", "Cap emploi"
    MISSION_LOCALE = "ML", "Mission locale"
    DEPARTEMENT = "DEPT", "Conseil départemental"
    CCAS = "CCAS", "CCAS / CIAS"
    PLIE = "PLIE", "PLIE"
    SPIP = "SPIP", "SPIP"
    OTHER_PRESCRIBER = "PRESCRIBER", "Autre prescripteur habilité"
    # Inclusion employers
    ACI = "ACI", "Atelier et chantier d'insertion (ACI)"
    AI = "AI", "Association intermédiaire (AI)"
    EI = "EI", "Entreprise d'insertion (EI)"
    ETTI = "ETTI", "Entreprise de travail temporaire d'insertion (ETTI)"
    EITI = "EITI", "Entreprise d'insertion par le travail indépendant (EITI)"
    GEIQ = "GEIQ", "Groupement d'employeurs pour l'insertion et la qualification (GEIQ)"
    EBE = "EBE", "Entreprise à but d'emploi (EBE)"
    # Accompanying without employing
    EMPLOYMENT_HUB = "HUB", "Espace emploi-formation, point relais ou mission emploi"
    # Employers
    EMPLOYER_GROUP = "GE", "Groupement d'employeurs (GE)"
    COMPANY = "COMPANY", "Entreprise"
    # Others
    PARTNER_SERVICE = "PARTNER", "Service partenaire (levée de freins)"
    COORDINATOR = "COORDINATOR", "Coordinateur ou financeur"


KIND_GROUPS: dict[str, str] = {
    **dict.fromkeys(
        ["FT", "CAP_EMPLOI", "ML", "DEPT", "CCAS", "PLIE", "SPIP", "PRESCRIBER"],
        KindGroup.PRESCRIBER,
    ),
    **dict.fromkeys(
        ["ACI", "AI", "EI", "ETTI", "EITI", "GEIQ", "EBE"], KindGroup.INCLUSION_EMPLOYER
    ),
    "HUB": KindGroup.EMPLOYMENT_HUB,
    "GE": KindGroup.EMPLOYER_GROUP,
    "COMPANY": KindGroup.COMPANY,
    "PARTNER": KindGroup.PARTNER_SERVICE,
    "COORDINATOR": KindGroup.COORDINATOR,
}


def kinds_of(group: str) -> list[str]:
    return [kind for kind, g in KIND_GROUPS.items() if g == group]


class Role(models.TextChoices):
    ADMIN = "admin", "Administrateur"
    MEMBER = "member", "Membre"
