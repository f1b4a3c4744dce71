from django.db import models


class SheetState(models.TextChoices):
    """Where an action sheet (« fiche-action ») of a working group stands."""

    TO_LAUNCH = "to_launch", "À lancer"
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Fait"
    ABANDONED = "abandoned", "Abandonnée"


class ActionStatus(models.TextChoices):
    """One action of a sheet, carried by an owner organization."""

    TODO = "todo", "À faire"
    DOING = "doing", "En cours"
    DONE = "done", "Fait"


class PartnershipKind(models.TextChoices):
    # Seed 002: an employer group and an inclusion structure, in six phases.
    EMPLOYER_GROUP = "employer_group", "Groupement d'employeurs et structure d'insertion"
    # Any two organizations (a SIAE and a company of the club): fewer phases.
    OTHER = "other", "Partenariat entre deux organisations"


class Phase(models.TextChoices):
    FIRST_MEETING = "first_meeting", "Première rencontre"
    COLLABORATIONS = "collaborations", "Collaborations existantes identifiées"
    TENSIONS = "tensions", "Tensions analysées"
    ANALYSIS_VALIDATED = "analysis_validated", "Document d'analyse validé"
    INTRODUCED = "introduced", "Structure présentée"
    OPERATIONAL = "operational", "Partenariat opérationnel"
    ENDED = "ended", "Terminé"


class Tension(models.TextChoices):
    """What the partnership's analysis found hard (seed 002)."""

    RECRUITMENT = "recruitment", "Recrutement"
    IMAGE = "image", "Image et notoriété"
    SKILLS = "skills", "Compétences"
    SCHEDULES = "schedules", "Horaires et organisation du travail"
    MOBILITY = "mobility", "Mobilité"
    RETENTION = "retention", "Fidélisation"


class SubsidyStatus(models.TextChoices):
    REQUESTED = "requested", "Demandée"
    GRANTED = "granted", "Accordée"
    PAID = "paid", "Versée"


class GroupRole(models.TextChoices):
    """What a person does in a working group: runs it (its meetings, its people) or takes
    part."""

    ORGANIZER = "organizer", "Anime le groupe"
    PARTICIPANT = "participant", "Participe"
