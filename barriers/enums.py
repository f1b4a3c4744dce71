from django.db import models


class BarrierStatus(models.TextChoices):
    IDENTIFIED = "identified", "Identifié"
    BEING_LIFTED = "being_lifted", "En cours de levée"
    LIFTED = "lifted", "Levé"
    NOT_RELEVANT = "not_relevant", "N'est plus d'actualité"


# Barriers that still weigh on the person (the matching and the service suggestions use them).
OPEN_STATUSES = (BarrierStatus.IDENTIFIED, BarrierStatus.BEING_LIFTED)
