from django.db import models

# The contract types of an offer are the ones a person may want (persons.enums): all eight
# of the list are there, so matching compares the same values.
from persons.enums import ContractType

__all__ = [
    "ContractType",
    "IntroductionState",
    "InterestAnswer",
    "Notice",
    "DeclineReason",
    "OfferState",
    "PayUnit",
    "PhysicalDemand",
    "PublicTransport",
    "SchedulePattern",
]


class OfferState(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    PAUSED = "paused", "En pause"
    FILLED = "filled", "Pourvue"
    CLOSED = "closed", "Clôturée"


class SchedulePattern(models.TextChoices):
    DAY = "day", "Journée"
    TWO_SHIFTS = "2x8", "En 2x8"
    THREE_SHIFTS = "3x8", "En 3x8"
    NIGHT = "night", "De nuit"
    WEEKEND = "weekend", "Le week-end"
    SPLIT = "split", "Horaires coupés"


class PhysicalDemand(models.TextChoices):
    LOADS = "loads", "Port de charges"
    STANDING = "standing", "Station debout prolongée"
    OUTDOOR = "outdoor", "Travail en extérieur"
    REPETITIVE = "repetitive", "Gestes répétitifs"
    COLD = "cold", "Travail au froid"
    HEIGHTS = "heights", "Travail en hauteur"


class PublicTransport(models.TextChoices):
    YES = "yes", "Oui, desservi"
    PARTIAL = "partial", "En partie (pas à toutes les heures)"
    NO = "no", "Non"


class PayUnit(models.TextChoices):
    MONTHLY = "monthly", "brut par mois"
    HOURLY = "hourly", "brut de l'heure"


class IntroductionState(models.TextChoices):
    PROPOSED = "proposed", "Proposée"
    SENT = "sent", "Envoyée à l'employeur"
    SEEN = "seen", "Vue par l'employeur"
    INTERVIEW = "interview", "Entretien prévu"
    HIRED = "hired", "Embauche conclue"
    DECLINED = "declined", "Non retenue"
    WITHDRAWN = "withdrawn", "Retirée : la personne a renoncé"
    CANCELLED = "cancelled", "Annulée par la structure"


class DeclineReason(models.TextChoices):
    POSITION_FILLED = "position_filled", "Poste déjà pourvu"
    SCHEDULE = "schedule", "Horaires incompatibles"
    SKILLS = "skills", "Compétences ou expérience insuffisantes pour ce poste"
    DISTANCE = "distance", "Trop loin du lieu de travail"
    UNREACHABLE = "unreachable", "Personne injoignable"
    CANDIDATE_DECLINED = "candidate_declined", "La personne a décliné"
    OTHER = "other", "Autre motif (précisé en commentaire)"


class InterestAnswer(models.TextChoices):
    """The employer's simple answer to an interest left on the public board (none yet:
    the request waits in the to-do list)."""

    CONTACTED = "contacted", "Contacté·e"
    INTERVIEW = "interview", "Entretien proposé"
    NO_FOLLOW_UP = "no_follow_up", "Pas de suite"


class Notice(models.TextChoices):
    """The offers' emails a user may turn off in « Mon compte » (`notifications`)."""

    EMPLOYER_ANSWERED = "employer_answered", "Réponse d'un employeur à une personne présentée"
    INTEREST = "interest", "Demande reçue sur une offre (site des offres)"
    REMINDER = "reminder", "Offre sans mise à jour : toujours d'actualité ?"
