"""The data·inclusion « thématiques » (national referential of services, reference/data/
data-inclusion/thematiques.json): `<theme>--<sub-theme>` values with French labels. Both
the barrier referential (what lifts a barrier) and the partner services (what a service
addresses) speak in these values."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

THEMATIQUES_FILE = (
    Path(settings.BASE_DIR) / "reference" / "data" / "data-inclusion" / ("thematiques.json")
)


@cache
def thematiques() -> dict[str, str]:
    """value → label, in the file's order."""
    with THEMATIQUES_FILE.open(encoding="utf-8") as file:
        return {entry["value"]: entry["label"] for entry in json.load(file)}


def theme_of(value: str) -> str:
    """`mobilite--preparer-un-permis` → `mobilite`."""
    return value.split("--", 1)[0]


def label_of(value: str) -> str:
    return thematiques().get(value, value)
