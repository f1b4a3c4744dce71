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


@cache
def _values(file_name: str) -> dict[str, str]:
    with (_DATA_INCLUSION / file_name).open(encoding="utf-8") as file:
        return {entry["value"]: entry["label"] for entry in json.load(file)}


def publics() -> dict[str, str]:
    return _values("publics.json")


def modes_accueil() -> dict[str, str]:
    return _values("modes-accueil.json")


DEFAULT_RADIUS_KM = 30
