from django.db import models


class Situation(models.TextChoices):
    """Where the person stands at the check after the exit."""

    SAME_EMPLOYER = "same_employer", "En emploi chez le même employeur"
    OTHER_EMPLOYER = "other_employer", "En emploi chez un autre employeur"
    TRAINING = "training", "En formation"
    JOB_SEEKING = "job_seeking", "En recherche d'emploi"
    INACTIVE = "inactive", "Sans activité ni recherche"
    NO_NEWS = "no_news", "Sans nouvelles"
    OTHER = "other", "Autre situation"


IN_EMPLOYMENT = (Situation.SAME_EMPLOYER, Situation.OTHER_EMPLOYER)
