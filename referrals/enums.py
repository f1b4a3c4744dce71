from django.db import models


class ReferralState(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SENT = "sent", "Envoyée"
    SEEN = "seen", "Vue"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
    REDIRECTED = "redirected", "Réorientée"
    WITHDRAWN = "withdrawn", "Retirée"
    EXPIRED = "expired", "Expirée"


class RefusalReason(models.TextChoices):
    NO_POSITION = "no_position", "Pas de poste disponible actuellement"
    SCHEDULE = "schedule", "Pas de poste adapté aux horaires de la personne"
    NOT_ELIGIBLE = "not_eligible", "Personne non éligible"
    PROFILE = "profile", "Projet de la personne hors de notre champ"
    TOO_FAR = "too_far", "Trop loin du lieu de travail"
    UNREACHABLE = "unreachable", "Personne injoignable"
    DECLINED = "declined", "La personne a décliné"
    ALREADY_FOLLOWED = "already_followed", "Déjà accompagnée ailleurs"
    OTHER = "other", "Autre motif (précisé en commentaire)"


class Channel(models.TextChoices):
    """How the person came in (the same words as the pathway's entry channel)."""

    REFERRAL = "referral", "Orientation par un prescripteur"
    WALK_IN = "walk_in", "Venue spontanée (permanence)"
    SELF_REFERRAL = "self_referral", "Candidature en ligne"
    OUTREACH = "outreach", "Repérage par un partenaire"
    # « Je suis intéressé·e » on the public board: the referral names the offer.
    OFFER = "offer", "Candidature sur une offre"


class Notice(models.TextChoices):
    """What an email about a referral tells."""

    NEW = "new", "Nouvelle orientation reçue"
    ANSWERED = "answered", "Réponse à une orientation envoyée"
    REMINDER_7 = "reminder_7", "Relance : orientation sans réponse depuis 7 jours"
    REMINDER_21 = "reminder_21", "Relance : orientation sans réponse depuis 21 jours"
    EXPIRED = "expired", "Orientation expirée sans réponse"
