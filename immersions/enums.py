from django.db import models

MAX_DAYS = 30  # a PMSMP lasts one month at most


class Objective(models.TextChoices):
    DISCOVER = "discover", "Découvrir un métier ou un secteur"
    CONFIRM = "confirm", "Confirmer un projet professionnel"
    RECRUIT = "recruit", "Initier une démarche de recrutement"


class Outcome(models.TextChoices):
    HIRED = "hired", "Oui, embauche"
    IN_PROGRESS = "in_progress", "En cours de discussion"
    NOT_HIRED = "not_hired", "Non"


class Rating(models.IntegerChoices):
    WEAK = 1, "À travailler"
    FAIR = 2, "Correct"
    GOOD = 3, "Bien"
    EXCELLENT = 4, "Très bien"


class HireProspect(models.TextChoices):
    """The host's answer at the end: could the immersion lead to a hire?"""

    YES = "yes", "Oui"
    MAYBE = "maybe", "Peut-être"
    NO = "no", "Non"
