from django.db import models


class ObjectiveStatus(models.TextChoices):
    OPEN = "open", "En cours"
    REACHED = "reached", "Atteint"
    ABANDONED = "abandoned", "Abandonné"


class ActionKind(models.TextChoices):
    JOB_SEARCH = "job_search", "Recherche d'emploi"
    TRAINING = "training", "Formation"
    IMMERSION = "immersion", "Immersion (PMSMP)"
    ADMINISTRATIVE = "administrative", "Démarche administrative"
    HEALTH = "health", "Démarche de santé"
    MOBILITY = "mobility", "Démarche de mobilité"
    OTHER = "other", "Autre"


class ActionStatus(models.TextChoices):
    TODO = "todo", "À faire"
    DONE = "done", "Faite"
    CANCELLED = "cancelled", "Annulée"


class Attendance(models.TextChoices):
    PLANNED = "planned", "Prévu"
    ATTENDED = "attended", "Honoré"
    ABSENT = "absent", "Absent·e"
    EXCUSED = "excused", "Excusé·e"


class NoteVisibility(models.TextChoices):
    ORGANIZATION = "organization", "Privée à mon organisation"
    TEAM = "team", "Partagée avec l'équipe d'accompagnement"


class DocumentKind(models.TextChoices):
    CV = "cv", "CV"
    IDENTITY = "identity", "Pièce d'identité"
    CERTIFICATE = "certificate", "Attestation ou diplôme"
    OTHER = "other", "Autre"
