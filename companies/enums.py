from django.db import models


class Engagement(models.TextChoices):
    """How a club member company works with the organization."""

    ACTIVE = "active", "Partenaire actif"
    OCCASIONAL = "occasional", "Ponctuel"
    TO_FOLLOW_UP = "to_follow_up", "À relancer"


class ContactKind(models.TextChoices):
    PROXIMITY_MANAGER = "manager", "Manager de proximité"
    HR = "hr", "Ressources humaines"
    DIRECTOR = "director", "Direction"
    OTHER = "other", "Autre"


class ExchangeKind(models.TextChoices):
    CALL = "call", "Appel"
    VISIT = "visit", "Visite"
    EMAIL = "email", "Courriel"
    EVENT = "event", "Événement"


DEFAULT_RADIUS_KM = 20


class ProposalState(models.TextChoices):
    """Where a proposed change of an owned company's identity stands."""

    PROPOSED = "proposed", "Proposée"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"


class Notice(models.TextChoices):
    """The register's emails a user may turn off in « Mon compte »."""

    PROPOSAL_ANSWERED = (
        "proposal_answered",
        "Réponse à une proposition de modification d'entreprise",
    )
    PROPOSAL_WAITING = (
        "proposal_waiting",
        "Proposition de modification de la fiche de mon entreprise à examiner",
    )
