from django.db import models


class EducationLevel(models.TextChoices):
    NONE = "none", "Sans diplôme"
    LEVEL_3 = "3", "CAP, BEP (niveau 3)"
    LEVEL_4 = "4", "Baccalauréat (niveau 4)"
    LEVEL_5 = "5", "Bac + 2 (niveau 5)"
    LEVEL_6 = "6", "Bac + 3 ou plus (niveau 6 et plus)"
    FOREIGN = "foreign", "Diplôme étranger non reconnu"


class DrivingLicence(models.TextChoices):
    NONE = "none", "Pas de permis"
    IN_PROGRESS = "in_progress", "Permis B en cours"
    B = "B", "Permis B"
    SUSPENDED = "suspended", "Permis suspendu ou annulé"


class ContractType(models.TextChoices):
    CDI = "CDI", "CDI"
    CDD = "CDD", "CDD"
    CDDI = "CDDI", "CDDI (insertion)"
    TEMP = "TEMP", "Intérim"
    PRO = "PRO", "Contrat de professionnalisation"
    APPRENTICE = "APPRENTICE", "Apprentissage"
    SUBSIDISED = "SUBSIDISED", "Contrat aidé (PEC)"
    CDI_TEMP = "CDI_TEMP", "CDI intérimaire"


class ConsentPurpose(models.TextChoices):
    SUPPORT = "support", "Traitement des données pour l'accompagnement"
    TEAM_SHARING = "team_sharing", "Partage avec l'équipe de professionnels"
    SUCCESS_STORY = "success_story", "Témoignage anonymisé (belle histoire)"


class ConsentMethod(models.TextChoices):
    ORAL = "oral", "Oral, en entretien"
    WRITTEN = "written", "Écrit, signé"
    ONLINE = "online", "En ligne"
