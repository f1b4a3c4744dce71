"""Loading the reference files into the database: the one write path for reference data.

All files load in a single transaction, so a faulty file leaves the database exactly as it
was. Each file is compared with what is stored and only the difference is written
(inserts, updates, and deletions where safe); a file whose checksum has not changed since
the last load is not even read, which keeps `make run` fast."""

import hashlib
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction

from reference.datasets import DATASETS, Dataset
from reference.errors import ReferenceDataError
from reference.models import LoadedFile
from reference.rows import parse_file

DEFAULT_DATA_DIR = Path(settings.BASE_DIR) / "reference" / "data"
_BATCH_SIZE = 2000


@dataclass(frozen=True)
class FileReport:
    file_name: str
    skipped: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    # Rows no longer in the file but kept because other data may point at them.
    kept: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def load_reference_data(data_dir: Path = DEFAULT_DATA_DIR, *, force: bool = False):
    """Load every reference file of `data_dir`; `force` ignores the stored checksums.
    Raises ReferenceDataError (nothing written) if any file is missing or malformed."""
    with transaction.atomic():
        return [_load_file(dataset, Path(data_dir), force=force) for dataset in DATASETS]


def _checksum(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise ReferenceDataError(f"{path.name} : fichier introuvable dans {path.parent}.") from None


def _load_file(dataset: Dataset, data_dir: Path, *, force: bool) -> FileReport:
    started = time.perf_counter()
    path = data_dir / dataset.file_name
    checksum = _checksum(path)
    previous = LoadedFile.objects.filter(name=dataset.file_name).first()
    if (
        not force
        and previous is not None
        and previous.sha256 == checksum
        and previous.table_rows == dataset.model.objects.count()
    ):
        return FileReport(dataset.file_name, skipped=True)

    known = {model: set(model.objects.values_list("pk", flat=True)) for model in dataset.references}
    parsed = parse_file(
        path,
        dataset.columns,
        partial(dataset.parse, known=known),
        key=lambda fields: tuple(fields[name] for name in dataset.key),
    )
    if not parsed:
        raise ReferenceDataError(f"{dataset.file_name} : aucune ligne de données.")

    report = _write_difference(dataset, parsed)
    LoadedFile.objects.update_or_create(
        name=dataset.file_name,
        defaults={"sha256": checksum, "table_rows": dataset.model.objects.count()},
    )
    return FileReport(
        dataset.file_name,
        skipped=False,
        rows=len(parsed),
        seconds=time.perf_counter() - started,
        **report,
    )


def _write_difference(dataset: Dataset, parsed: dict[tuple, dict[str, Any]]) -> dict[str, int]:
    model = dataset.model
    attnames = list(next(iter(parsed.values())))
    key_positions = [attnames.index(name) for name in dataset.key]
    stored: dict[tuple, tuple[Any, tuple]] = {}
    for pk, *values in model.objects.values_list("pk", *attnames).iterator(chunk_size=5000):
        stored[tuple(values[i] for i in key_positions)] = (pk, tuple(values))

    new = [fields for key, fields in parsed.items() if key not in stored]
    changed = [
        fields
        for key, fields in parsed.items()
        if key in stored and stored[key][1] != tuple(fields.values())
    ]
    absent = [pk for key, (pk, _values) in stored.items() if key not in parsed]

    model.objects.bulk_create([model(**fields) for fields in new], batch_size=_BATCH_SIZE)
    if changed:
        names = {f.attname: f.name for f in model._meta.concrete_fields}
        key_names = [names[attname] for attname in dataset.key]
        model.objects.bulk_create(
            [model(**fields) for fields in changed],
            batch_size=_BATCH_SIZE,
            update_conflicts=True,
            unique_fields=key_names,
            update_fields=[names[a] for a in attnames if names[a] not in key_names],
        )
    deleted = 0
    if dataset.prune and absent:
        for start in range(0, len(absent), _BATCH_SIZE):
            deleted += _delete(model, absent[start : start + _BATCH_SIZE])
    return {
        "created": len(new),
        "updated": len(changed),
        "deleted": deleted,
        "kept": 0 if dataset.prune else len(absent),
    }


def _delete(model: type[models.Model], pks: list) -> int:
    return model.objects.filter(pk__in=pks).delete()[0]
