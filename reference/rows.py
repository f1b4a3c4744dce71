"""Reading one reference CSV file: the header is checked, every row is parsed into model
fields, and every problem is reported with its line number. Nothing here writes."""

import csv
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reference.errors import ReferenceDataError

# Beyond this, more messages do not help anyone fix the file.
MAX_REPORTED_ERRORS = 20


@dataclass(frozen=True)
class CodeFormat:
    label: str  # in French, for messages: "code de département"
    pattern: re.Pattern

    def matches(self, value: str) -> bool:
        return self.pattern.fullmatch(value) is not None


class Row:
    """One CSV record being parsed. Each reader returns the clean value, or None after
    noting an error, so that a single pass reports every fault of the row."""

    def __init__(self, line: int, values: dict[str, str]):
        self.line = line
        self.values = values
        self.errors: list[str] = []

    def _raw(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def error(self, message: str) -> None:
        self.errors.append(message)

    def text(self, column: str, *, max_length: int, required: bool = True) -> str:
        value = self._raw(column)
        if required and not value:
            self.error(f"la colonne « {column} » est vide")
        elif len(value) > max_length:
            self.error(f"« {column} » dépasse {max_length} caractères")
        return value

    def code(self, column: str, code: CodeFormat, *, required: bool = True) -> str | None:
        value = self._raw(column)
        if not value and not required:
            return None
        if not code.matches(value):
            self.error(f"« {value} » n'est pas un {code.label} valide (colonne « {column} »)")
            return None
        return value

    def reference(
        self, column: str, code: CodeFormat, known: set[str], *, required: bool = True
    ) -> str | None:
        """A code that must already exist in the database (loaded earlier in the run)."""
        value = self.code(column, code, required=required)
        if value is not None and value not in known:
            self.error(f"{code.label} « {value} » inconnu (colonne « {column} »)")
            return None
        return value

    def number(
        self, column: str, *, minimum: float, maximum: float, required: bool = True
    ) -> float | None:
        value = self._raw(column)
        if not value and not required:
            return None
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self.error(f"« {value} » n'est pas un nombre (colonne « {column} »)")
            return None
        if not minimum <= number <= maximum:
            self.error(
                f"{value} est hors des bornes [{minimum} ; {maximum}] (colonne « {column} »)"
            )
            return None
        return number

    def count(self, column: str, *, default: int | None = None) -> int | None:
        value = self._raw(column)
        if not value and default is not None:
            return default
        if not value.isdigit():
            self.error(f"« {value} » n'est pas un nombre entier positif (colonne « {column} »)")
            return None
        return int(value)


def _records(path: Path, columns: tuple[str, ...]) -> Iterator[Row]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ReferenceDataError(f"{path.name} : fichier introuvable dans {path.parent}.") from None
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [column for column in columns if column not in header]
        if missing:
            raise ReferenceDataError(
                f"{path.name}, ligne 1 : colonne(s) manquante(s) : {', '.join(missing)}. "
                f"Colonnes attendues : {', '.join(columns)}."
            )
        for values in reader:
            row = Row(reader.line_num, values)
            # DictReader files extra cells under None and fills missing ones with None.
            if None in values or None in values.values():
                row.error(f"{len(header)} colonnes attendues, nombre de cellules différent")
            yield row


def parse_file(
    path: Path,
    columns: tuple[str, ...],
    parse: Callable[[Row], dict[str, Any]],
    key: Callable[[dict[str, Any]], tuple],
) -> dict[tuple, dict[str, Any]]:
    """Every row of the file parsed into model fields, by key. Raises ReferenceDataError
    listing the faulty lines if any row is wrong: a file is loaded whole or not at all."""
    parsed: dict[tuple, dict[str, Any]] = {}
    lines: dict[tuple, int] = {}
    errors: list[str] = []
    try:
        for row in _records(path, columns):
            fields = parse(row) if not row.errors else {}
            if not row.errors:
                row_key = key(fields)
                if row_key in lines:
                    row.error(f"doublon de la ligne {lines[row_key]}")
                else:
                    lines[row_key] = row.line
                    parsed[row_key] = fields
            errors.extend(f"ligne {row.line} : {message}" for message in row.errors)
    except UnicodeDecodeError:
        raise ReferenceDataError(f"{path.name} : le fichier n'est pas encodé en UTF-8.") from None
    except csv.Error as error:
        raise ReferenceDataError(f"{path.name} : CSV illisible ({error}).") from None
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        raise ReferenceDataError(
            f"{path.name} rejeté ({len(errors)} erreur{'s' if len(errors) > 1 else ''}) :\n- "
            + "\n- ".join(shown)
            + (f"\n- … et {more} autre{'s' if more > 1 else ''}" if more else "")
        )
    return parsed
