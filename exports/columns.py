"""A column of an export: its French header, how to read its value from a row, and what
kind of value it holds (the XLSX writes dates as dates, the CSV in French)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.utils import timezone


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"


class Topic(StrEnum):
    """What a column tells about a person that employers must never receive
    (`lists.columns_for` drops such columns for companies and employer groups)."""

    CONTACT = "contact"
    BARRIERS = "barriers"
    HEALTH = "health"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    kind: Kind = Kind.TEXT
    topic: Topic | None = None

    def read(self, row) -> Any:
        value = self.value(row)
        if value is None or value == "":
            return None
        if self.kind == Kind.DATETIME and isinstance(value, datetime):
            # The wall-clock time of the platform, without zone: what the pages show.
            return timezone.localtime(value).replace(tzinfo=None)
        if self.kind == Kind.DATE and isinstance(value, datetime):
            return timezone.localtime(value).date()
        if self.kind in (Kind.TEXT,) and not isinstance(value, str):
            return str(value)
        return value


def as_text(value, kind: Kind) -> str:
    """A cell as the CSV writes it: dates the French way, numbers as they are."""
    if value is None:
        return ""
    if kind == Kind.DATETIME and isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if kind == Kind.DATE and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def text(header: str, value: Callable, **kwargs) -> Column:
    return Column(header, value, Kind.TEXT, **kwargs)


def day(header: str, value: Callable, **kwargs) -> Column:
    return Column(header, value, Kind.DATE, **kwargs)


def moment(header: str, value: Callable, **kwargs) -> Column:
    return Column(header, value, Kind.DATETIME, **kwargs)


def number(header: str, value: Callable, **kwargs) -> Column:
    return Column(header, value, Kind.NUMBER, **kwargs)
