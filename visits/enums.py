from django.db import models


class VisitReason(models.TextChoices):
    """Why someone came by, in the few words a drop-in desk uses (seed 000)."""

    JOB_SEARCH = "job_search", "Chercher un emploi"
    APPLICATION = "application", "CV, lettre, candidature"
    TRAINING = "training", "S'informer sur une formation"
    PROCEDURES = "procedures", "Démarches administratives ou en ligne"
    PARTNER = "partner", "Être orienté·e vers un partenaire"
    OTHER = "other", "Autre"
