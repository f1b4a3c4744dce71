from django.db import models

# The contract types are the project's one list (offers and persons use it too).
from persons.enums import ContractType

__all__ = [
    "AlertKind",
    "BreakReason",
    "ChangeKind",
    "Channel",
    "ContractState",
    "ContractType",
    "HowItGoes",
    "Issue",
    "Side",
    "Step",
]


class ContractState(models.TextChoices):
    RUNNING = "running", "En cours"
    ENDED = "ended", "Terminé"
    BROKEN = "broken", "Rompu avant le terme"


class BreakReason(models.TextChoices):
    RESIGNATION = "resignation", "Démission"
    DISMISSAL = "dismissal", "Licenciement"
    TRIAL_END = "trial_end", "Fin de la période d'essai"
    MUTUAL_AGREEMENT = "mutual_agreement", "Rupture d'un commun accord"


class ChangeKind(models.TextChoices):
    RENEWAL = "renewal", "Renouvellement (nouvelle date de fin)"
    PERMANENT = "permanent", "Passage en CDI"
    HOURS = "hours", "Changement d'horaire hebdomadaire"


class Step(models.TextChoices):
    """The steps a structure may choose for its checkpoints (`followup.OFFSETS`)."""

    WEEK_1 = "week_1", "1re semaine"
    WEEK_2 = "week_2", "2e semaine"
    MONTH_1 = "month_1", "1er mois"
    MONTH_2 = "month_2", "2e mois"
    MONTH_3 = "month_3", "3e mois"
    MONTH_4 = "month_4", "4e mois"
    MONTH_6 = "month_6", "6e mois"
    MONTH_9 = "month_9", "9e mois"
    MONTH_12 = "month_12", "12e mois"


class Side(models.TextChoices):
    EMPLOYEE = "employee", "Salarié·e"
    EMPLOYER = "employer", "Employeur"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "En personne"
    SITE_VISIT = "site_visit", "Visite sur le lieu de travail"
    PHONE = "phone", "Téléphone"
    VIDEO = "video", "Visioconférence"
    WRITTEN = "written", "Courriel ou message"
    # The employer answered on the page of the link emailed to them: never typed by a
    # counsellor (`COUNSELLOR_CHANNELS`).
    LINK = "link", "Réponse de l'employeur par le lien reçu par e-mail"


COUNSELLOR_CHANNELS = tuple(c for c in Channel if c != Channel.LINK)
COUNSELLOR_CHANNEL_CHOICES = [(c.value, c.label) for c in COUNSELLOR_CHANNELS]


class HowItGoes(models.TextChoices):
    """A four-step scale: no middle answer, so a doubt reads as a doubt."""

    VERY_WELL = "very_well", "Très bien"
    WELL = "well", "Plutôt bien"
    DIFFICULT = "difficult", "Plutôt difficile"
    VERY_DIFFICULT = "very_difficult", "Très difficile"


class Issue(models.TextChoices):
    SCHEDULE = "schedule", "Horaires"
    TRANSPORT = "transport", "Transport"
    RELATIONS = "relations", "Relations au travail"
    SKILLS = "skills", "Compétences"
    HEALTH = "health", "Santé"
    PAY = "pay", "Salaire"
    CHILDCARE = "childcare", "Garde d'enfants"
    OTHER = "other", "Autre"


# What the employer's side may raise: the job only. The person's health, childcare and
# transport are their barriers, which an employer never hears of from us.
EMPLOYER_ISSUES = (Issue.SCHEDULE, Issue.RELATIONS, Issue.SKILLS, Issue.PAY, Issue.OTHER)
ISSUES_OF_SIDE = {Side.EMPLOYEE: tuple(Issue), Side.EMPLOYER: EMPLOYER_ISSUES}


class AlertKind(models.TextChoices):
    BREAK = "break", "Rupture de contrat"
    SERIOUS_ISSUE = "serious_issue", "Difficulté sérieuse au suivi dans l'emploi"
