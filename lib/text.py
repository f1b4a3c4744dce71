"""Text as search compares it: what a person types and what the reference data says must
meet whatever the accents, case and punctuation ("Saint-Étienne" = "saint etienne")."""

import re

from unidecode import unidecode

# After transliteration only ASCII is left: anything but a letter or a digit separates words.
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """Lower case, without accents, words separated by single spaces.

    >>> normalize("  L'Haÿ-les-Roses ")
    'l hay les roses'
    """
    return _SEPARATORS.sub(" ", unidecode(text).lower()).strip()


def words(text: str) -> list[str]:
    """The normalized words of `text`, in order."""
    normalized = normalize(text)
    return normalized.split(" ") if normalized else []
