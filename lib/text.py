"""Text as search compares it: what a person types and what the reference data says must
meet whatever the accents, case and punctuation ("Saint-Étienne" = "saint etienne")."""

import re

from django.core.exceptions import ValidationError
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


# PostgreSQL can neither store nor compare a NUL byte; forms and the API refuse it first.
NUL_REFUSED = "Caractère interdit (octet nul)."


def check_no_nul(value) -> None:
    """Refuse a text with a NUL byte, before it reaches a query. Django's CharField checks
    it only after `to_python`, too late for the fields that look a value up there."""
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(NUL_REFUSED, code="null_characters_not_allowed")


def of(name: str) -> str:
    """« de » before a name, elided before a vowel or an h as French writes it; a y
    before a vowel sounds as a consonant (« de Yanis », « d'Yves »).

    >>> of("Aminata"), of("Élodie"), of("Hugo"), of("Véronique")
    ("d'Aminata", "d'Élodie", "d'Hugo", 'de Véronique')
    """
    start = normalize(name)[:2]
    vowel = start[:1] in set("aeiouh") or (start[:1] == "y" and start[1:] not in set("aeiou"))
    return f"d'{name}" if vowel else f"de {name}"
