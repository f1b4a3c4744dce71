import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import models

_DATA_INCLUSION = Path(settings.BASE_DIR) / "reference" / "data" / "data-inclusion"


class ReferralState(models.TextChoices):
    SENT = "sent", "Envoyée"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
    DONE = "done", "Réalisée"
    CANCELLED = "cancelled", "Annulée"


class Notice(models.TextChoices):
    """What an email about a service referral tells (a preference key each)."""

    NEW = "new", "Nouvelle orientation vers un service de mon organisation"
    ANSWERED = "answered", "Réponse d'un service partenaire à une orientation envoyée"


class RefusalReason(models.TextChoices):
    """Why a partner service refuses a referral: a list to count, and free text beside."""

    FULL = "full", "Plus de place pour le moment (liste d'attente)"
    NOT_OUR_PUBLIC = "not_our_public", "La personne ne relève pas du public du service"
    OUT_OF_AREA = "out_of_area", "Hors de notre territoire"
    NEED_NOT_COVERED = "need_not_covered", "Le besoin ne correspond pas à ce que propose le service"
    UNREACHABLE = "unreachable", "Personne injoignable ou absente au rendez-vous"
    ALREADY_HELPED = "already_helped", "Déjà accompagnée par nous ou ailleurs pour ce besoin"
    OTHER = "other", "Autre motif (à préciser)"


@cache
def _values(file_name: str) -> dict[str, str]:
    with (_DATA_INCLUSION / file_name).open(encoding="utf-8") as file:
        return {entry["value"]: entry["label"] for entry in json.load(file)}


def publics() -> dict[str, str]:
    return _values("publics.json")


def modes_accueil() -> dict[str, str]:
    return _values("modes-accueil.json")


DEFAULT_RADIUS_KM = 30
