from django.db import models


class PathwayKind(models.TextChoices):
    IAE = "iae", "Parcours IAE (PASS IAE)"
    SAS_IAE = "sas_iae", "Sas IAE (pré-parcours)"
    SUPPORT = "support", "Accompagnement vers l'emploi"


class PathwayState(models.TextChoices):
    INTAKE = "intake", "Accueil"
    DIAGNOSIS = "diagnosis", "Diagnostic"
    ACTIVE = "active", "Parcours en cours"
    IN_EMPLOYMENT = "in_employment", "En emploi"
    CLOSED = "closed", "Sorti·e"
    POST_EXIT = "post_exit", "Suivi après sortie"


class EntryChannel(models.TextChoices):
    REFERRAL = "referral", "Orientation par un prescripteur"
    WALK_IN = "walk_in", "Venue spontanée (permanence)"
    SELF_REFERRAL = "self_referral", "Candidature en ligne"
    OUTREACH = "outreach", "Repérage par un partenaire"
    OFFER = "offer", "Candidature sur une offre"


class ExitCategory(models.TextChoices):
    """The IAE's « sorties dynamiques » (see domain.md, « Exit categories »)."""

    DURABLE = "durable", "Emploi durable"
    TRANSITION = "transition", "Emploi de transition"
    POSITIVE = "positive", "Sortie positive"
    OTHER = "other", "Autre sortie"
    EXCLUDED = "excluded", "Sortie non comptabilisée"


class ExitReason(models.TextChoices):
    # Durable employment
    CDI = "cdi", "CDI"
    CDI_TEMP = "cdi_temp", "CDI intérimaire"
    LONG_FIXED_TERM = "long_fixed_term", "CDD ou intérim de 6 mois ou plus"
    CIVIL_SERVICE = "civil_service", "Titularisation dans la fonction publique"
    BUSINESS_CREATION = "business_creation", "Création d'entreprise"
    # Transition employment
    SHORT_FIXED_TERM = "short_fixed_term", "CDD ou intérim de moins de 6 mois"
    SUBSIDISED = "subsidised", "Contrat aidé chez un employeur ordinaire"
    # Positive exits
    TRAINING = "training", "Formation qualifiante ou pré-qualifiante"
    OTHER_SIAE = "other_siae", "Embauche dans une autre SIAE"
    IAE_ENTRY = "iae_entry", "Entrée en parcours IAE"
    # Other
    JOB_SEEKING = "job_seeking", "Au chômage ou inactif"
    NO_NEWS = "no_news", "Sans nouvelles"
    # Not counted
    MOVED_AWAY = "moved_away", "Déménagement"
    HEALTH = "health", "Raisons de santé"
    RETIREMENT = "retirement", "Retraite"
    DETENTION = "detention", "Incarcération"


EXIT_CATEGORY_OF: dict[str, str] = {
    ExitReason.CDI: ExitCategory.DURABLE,
    ExitReason.CDI_TEMP: ExitCategory.DURABLE,
    ExitReason.LONG_FIXED_TERM: ExitCategory.DURABLE,
    ExitReason.CIVIL_SERVICE: ExitCategory.DURABLE,
    ExitReason.BUSINESS_CREATION: ExitCategory.DURABLE,
    ExitReason.SHORT_FIXED_TERM: ExitCategory.TRANSITION,
    ExitReason.SUBSIDISED: ExitCategory.TRANSITION,
    ExitReason.TRAINING: ExitCategory.POSITIVE,
    ExitReason.OTHER_SIAE: ExitCategory.POSITIVE,
    # Leaving a Sas IAE (or another support) for an IAE pathway: hired by an SIAE, which
    # domain.md counts as a positive exit.
    ExitReason.IAE_ENTRY: ExitCategory.POSITIVE,
    ExitReason.JOB_SEEKING: ExitCategory.OTHER,
    ExitReason.NO_NEWS: ExitCategory.OTHER,
    ExitReason.MOVED_AWAY: ExitCategory.EXCLUDED,
    ExitReason.HEALTH: ExitCategory.EXCLUDED,
    ExitReason.RETIREMENT: ExitCategory.EXCLUDED,
    ExitReason.DETENTION: ExitCategory.EXCLUDED,
}


class PassChangeKind(models.TextChoices):
    SUSPENSION = "suspension", "Suspension"
    EXTENSION = "extension", "Prolongation"


class TeamRole(models.TextChoices):
    COUNSELLOR = "counsellor", "Conseiller·ère"
    SOCIAL_WORKER = "social_worker", "Travailleur·se social·e"
    JOB_COACH = "job_coach", "Chargé·e de relations entreprises"
    HEALTH = "health", "Professionnel·le de santé"
    TRAINER = "trainer", "Formateur·rice"
    OTHER = "other", "Autre"
