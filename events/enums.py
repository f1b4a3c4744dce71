from django.db import models


class EventKind(models.TextChoices):
    DROP_IN = "drop_in", "Permanence"
    INFORMATION = "information", "Réunion d'information"
    JOB_DATING = "job_dating", "Job dating"
    SITE_VISIT = "site_visit", "Visite de chantier"
    COLLECTIVE_DAY = "collective_day", "Journée d'intelligence collective"
    CLUB_MEETING = "club_meeting", "Rencontre du club d'entreprises"


class EventState(models.TextChoices):
    SCHEDULED = "scheduled", "Programmé"
    CANCELLED = "cancelled", "Annulé"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "lundi"
    TUESDAY = 1, "mardi"
    WEDNESDAY = 2, "mercredi"
    THURSDAY = 3, "jeudi"
    FRIDAY = 4, "vendredi"
    SATURDAY = 5, "samedi"
    SUNDAY = 6, "dimanche"


class RegistrantKind(models.TextChoices):
    PERSON = "person", "Personne accompagnée"
    PROFESSIONAL = "professional", "Professionnel·le"
    CONTACT = "contact", "Interlocuteur d'entreprise"
    PUBLIC = "public", "Inscription en ligne"


class Presence(models.TextChoices):
    EXPECTED = "expected", "Attendu·e"
    PRESENT = "present", "Présent·e"
    ABSENT = "absent", "Absent·e"


class Notice(models.TextChoices):
    """The events' emails a user may turn off in « Mon compte » (`notifications`)."""

    REMINDER = "reminder", "Rappel la veille d'un événement où vous avez inscrit quelqu'un"
    CANCELLED = "cancelled", "Annulation d'un événement où vous avez inscrit quelqu'un"
    CHANGED = "changed", "Changement d'un événement où vous avez inscrit quelqu'un"
