"""What each reference file holds and how a row becomes a model row. The order of
DATASETS is the load order: a file only refers to codes of the files before it."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from jobs.models import Appellation, RomeFamily, RomeMobility, SectorHiring, ShortageRate
from lib.stemming import indexed
from lib.text import normalize
from reference.rows import CodeFormat, Row
from territories.models import EPCI, Commune, Department, Region

REGION = CodeFormat("code de région", re.compile(r"\d{2,3}"))
DEPARTMENT = CodeFormat("code de département", re.compile(r"\d{2,3}|2[AB]"))
EPCI_CODE = CodeFormat("SIREN d'EPCI", re.compile(r"\d{9}"))
COMMUNE = CodeFormat("code INSEE de commune", re.compile(r"\d{5}|2[AB]\d{3}"))
POST_CODE = CodeFormat("code postal", re.compile(r"\d{5}"))
ROME = CodeFormat("code ROME", re.compile(r"[A-Z]\d{4}"))
APPELLATION = CodeFormat("code d'appellation", re.compile(r"\d{5,6}"))
NAF = CodeFormat("code NAF", re.compile(r"\d{4}[A-Z]"))
FAP = CodeFormat("code FAP", re.compile(r"[A-Z]\d[A-Z]\d{2}"))
EPCI_TYPE = CodeFormat("type d'EPCI", re.compile("|".join(EPCI.Type.values)))

# Codes already in the database, by model, for the foreign keys of a row.
Known = dict[type[models.Model], set[str]]


@dataclass(frozen=True)
class Dataset:
    file_name: str
    model: type[models.Model]
    columns: tuple[str, ...]
    # Model attnames identifying a row across loads (the primary key or a unique constraint).
    key: tuple[str, ...]
    parse: Callable[[Row, Known], dict[str, Any]]
    references: tuple[type[models.Model], ...] = field(default=())
    # Rows missing from a new file are deleted only where nothing else can point at them:
    # an organization keeps its commune even if a later COG merges it away.
    prune: bool = False


def _length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def _region(row: Row, known: Known) -> dict[str, Any]:
    return {"code": row.code("code", REGION), "name": row.text("name", max_length=100)}


def _department(row: Row, known: Known) -> dict[str, Any]:
    return {
        "code": row.code("code", DEPARTMENT),
        "name": row.text("name", max_length=_length(Department, "name")),
        "region_id": row.reference("region", REGION, known[Region]),
    }


def _epci(row: Row, known: Known) -> dict[str, Any]:
    return {
        "code": row.code("code", EPCI_CODE),
        "name": row.text("name", max_length=_length(EPCI, "name")),
        "type": row.code("type", EPCI_TYPE),
    }


def _commune(row: Row, known: Known) -> dict[str, Any]:
    name = row.text("name", max_length=_length(Commune, "name"))
    raw_post_codes = row.text("post_codes", max_length=200, required=False)
    post_codes = [code for code in raw_post_codes.split("|") if code]
    for code in post_codes:
        if not POST_CODE.matches(code):
            row.error(f"« {code} » n'est pas un code postal valide (colonne « post_codes »)")
    # The region is implied by the department; it is only checked, not stored.
    row.reference("region", REGION, known[Region], required=False)
    return {
        "code": row.code("code_insee", COMMUNE),
        "name": name,
        "search_name": normalize(name),
        "department_id": row.reference("department", DEPARTMENT, known[Department]),
        "epci_id": row.reference("epci", EPCI_CODE, known[EPCI], required=False),
        "post_codes": "|".join(post_codes),
        "population": row.count("population", default=0),
        "latitude": row.number("latitude", minimum=-90, maximum=90),
        "longitude": row.number("longitude", minimum=-180, maximum=180),
    }


def _rome(row: Row, known: Known) -> dict[str, Any]:
    name = row.text("name", max_length=_length(RomeFamily, "name"))
    return {"code": row.code("code", ROME), "name": name, "search_words": indexed(name)}


def _appellation(row: Row, known: Known) -> dict[str, Any]:
    name = row.text("name", max_length=_length(Appellation, "name"))
    return {
        "code": row.code("code", APPELLATION),
        "name": name,
        "search_name": normalize(name),
        "search_words": indexed(name),
        "rome_id": row.reference("rome_code", ROME, known[RomeFamily]),
    }


def _mobility(row: Row, known: Known) -> dict[str, Any]:
    return {
        "rome_id": row.reference("rome_code", ROME, known[RomeFamily]),
        "close_rome_id": row.reference("close_rome_code", ROME, known[RomeFamily]),
    }


def _sector_hiring(row: Row, known: Known) -> dict[str, Any]:
    return {
        "rome_id": row.reference("rome_id", ROME, known[RomeFamily]),
        "naf_code": row.code("naf_id", NAF),
        "naf_label": row.text("naf_label", max_length=_length(SectorHiring, "naf_label")),
        "hirings": row.count("hirings"),
    }


def _shortage_rate(row: Row, known: Known) -> dict[str, Any]:
    return {
        "rome_id": row.reference("rome_code", ROME, known[RomeFamily]),
        "fap_code": row.code("fap_code", FAP),
        "fap_label": row.text("fap", max_length=_length(ShortageRate, "fap_label")),
        "tension_pct": row.number("tension_pct", minimum=0, maximum=100),
    }


DATASETS: tuple[Dataset, ...] = (
    Dataset("regions.csv", Region, ("code", "name"), ("code",), _region),
    Dataset(
        "departments.csv",
        Department,
        ("code", "name", "region"),
        ("code",),
        _department,
        references=(Region,),
    ),
    Dataset("epci.csv", EPCI, ("code", "name", "type"), ("code",), _epci),
    Dataset(
        "communes.csv",
        Commune,
        (
            "code_insee",
            "name",
            "department",
            "region",
            "epci",
            "post_codes",
            "population",
            "latitude",
            "longitude",
        ),
        ("code",),
        _commune,
        references=(Region, Department, EPCI),
    ),
    Dataset("rome.csv", RomeFamily, ("code", "name"), ("code",), _rome),
    Dataset(
        "appellations.csv",
        Appellation,
        ("code", "name", "rome_code"),
        ("code",),
        _appellation,
        references=(RomeFamily,),
    ),
    Dataset(
        "rome_mobilities.csv",
        RomeMobility,
        ("rome_code", "close_rome_code"),
        ("rome_id", "close_rome_id"),
        _mobility,
        references=(RomeFamily,),
        prune=True,
    ),
    Dataset(
        "rome_naf_hirings.csv",
        SectorHiring,
        ("rome_id", "naf_id", "naf_label", "hirings"),
        ("rome_id", "naf_code"),
        _sector_hiring,
        references=(RomeFamily,),
        prune=True,
    ),
    Dataset(
        "metiers_tension.csv",
        ShortageRate,
        ("fap_code", "fap", "tension_pct", "rome_code"),
        ("rome_id", "fap_code"),
        _shortage_rate,
        references=(RomeFamily,),
        prune=True,
    ),
)
