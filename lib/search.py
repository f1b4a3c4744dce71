"""Autocomplete matching on a normalized `search_name` column (see lib.text.normalize).

Each typed word must be the start of a word of the name, in any order: "domicile aide"
finds "Aide à domicile", "st jean" does not find "Saint-Jean" (no abbreviation table yet).
Plain LIKE patterns, so the same query runs on SQLite and PostgreSQL; with a few tens of
thousands of rows a scan is well within the autocomplete budget (see `make bench`)."""

from django.db.models import Q

from lib.text import words

# Below two characters a query matches thousands of names and helps nobody.
MIN_QUERY_LENGTH = 2


def query_words(query: str) -> list[str]:
    """The words of a query worth searching for, or [] if it is too short."""
    found = words(query or "")
    return found if len("".join(found)) >= MIN_QUERY_LENGTH else []


def word_prefix(field: str, word: str) -> Q:
    """`word` starts the name or one of its words (names are space-separated)."""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
