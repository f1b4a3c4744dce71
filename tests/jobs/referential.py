"""Part of the real ROME referential for search tests: whole families, as
`load_reference_data` loads them (names, search words, hires, shortage), read from the
project's own reference files. Loading the 11,000 titles would cost a test seconds."""

import csv
from pathlib import Path

from django.conf import settings

from jobs.models import Appellation, RomeFamily, SectorHiring, ShortageRate
from lib.stemming import indexed
from lib.text import normalize

DATA = Path(settings.BASE_DIR) / "reference" / "data"

# Shops, cleaning and home help, warehouses, packing, cash desks.
FAMILIES = (
    "D1106",
    "D1211",
    "D1214",
    "D1505",
    "K1304",
    "K2204",
    "N1101",
    "N1103",
    "H3301",
    "H3302",
)


def _rows(name: str):
    with open(DATA / name, encoding="utf-8", newline="") as file:
        yield from csv.DictReader(file)


def load_families(codes=FAMILIES) -> None:
    codes = set(codes)
    RomeFamily.objects.bulk_create(
        [
            RomeFamily(code=row["code"], name=row["name"], search_words=indexed(row["name"]))
            for row in _rows("rome.csv")
            if row["code"] in codes
        ]
    )
    Appellation.objects.bulk_create(
        [
            Appellation(
                code=row["code"],
                name=row["name"],
                search_name=normalize(row["name"]),
                search_words=indexed(row["name"]),
                rome_id=row["rome_code"],
            )
            for row in _rows("appellations.csv")
            if row["rome_code"] in codes
        ]
    )
    SectorHiring.objects.bulk_create(
        [
            SectorHiring(
                rome_id=row["rome_id"],
                naf_code=row["naf_id"],
                naf_label=row["naf_label"][:255],
                hirings=int(row["hirings"]),
            )
            for row in _rows("rome_naf_hirings.csv")
            if row["rome_id"] in codes
        ],
        ignore_conflicts=True,
    )
    ShortageRate.objects.bulk_create(
        [
            ShortageRate(
                rome_id=row["rome_code"],
                fap_code=row["fap_code"],
                fap_label=row["fap"][:255],
                tension_pct=float(row["tension_pct"]),
            )
            for row in _rows("metiers_tension.csv")
            if row["rome_code"] in codes
        ],
        ignore_conflicts=True,
    )
