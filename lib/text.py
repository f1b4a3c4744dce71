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


# Words whose h is « aspiré »: no elision before them (« de haut niveau », « de hall »),
# as they begin names of jobs, sports and places. Compared on their normalized start.
H_ASPIRE = (
    "hach",
    "haie",
    "hall",
    "halte",
    "hamac",
    "hamburger",
    "hand",
    "hangar",
    "hard",
    "harpe",
    "harpiste",
    "hasard",
    "haut",
    "haveu",
    "havre",
    "help",
    "heros",
    "hibou",
    "hockey",
    "homard",
    "hongr",
    "honte",
    "hors",
    "hotte",
    "houblon",
    "housse",
    "hublot",
    "huit",
    "hurl",
    "hutte",
)


def starts_with_vowel_sound(word: str) -> bool:
    """Whether French elides before `word`: a vowel, a mute h (« hôtesse », « horloger »
    but not « haut », « hall »), a y before a consonant (« Yves » but not « yacht »)."""
    start = normalize(word)
    if not start:
        return False
    if start[0] == "h":
        return not start.startswith(H_ASPIRE)
    if start[0] == "y":
        return start[1:2] not in set("aeiou")
    return start[0] in set("aeiou")


def of(name: str) -> str:
    """« de » before a name, elided before a vowel or an h as French writes it; a y
    before a vowel sounds as a consonant (« de Yanis », « d'Yves »); contracted with the
    name's own article, as `at` does (« du Mans », « des Jardins de la Maine », but « de
    La Flèche »).

    >>> of("Aminata"), of("Élodie"), of("Hugo"), of("Véronique"), of("hall")
    ("d'Aminata", "d'Élodie", "d'Hugo", 'de Véronique', 'de hall')
    """
    head, _, rest = name.partition(" ")
    if rest and head in ("Le", "le"):
        return f"du {rest}"
    if rest and head in ("Les", "les"):
        return f"des {rest}"
    return f"d'{name}" if starts_with_vowel_sound(name) else f"de {name}"


def at(place: str) -> str:
    """« à » before a place, contracted with its article: « au Mans », « aux Ponts-de-Cé »,
    « à La Flèche », « à Trélazé »."""
    head, _, rest = place.partition(" ")
    if rest and head in ("Le", "le"):
        return f"au {rest}"
    if rest and head in ("Les", "les"):
        return f"aux {rest}"
    return f"à {place}"


def lower_start(text: str) -> str:
    """A name in the middle of a sentence: lower case, except the acronyms (« SPA », « BIM »,
    « CACES ») that keep their capitals."""
    return " ".join(
        word if len(word) > 1 and word.isupper() else word.lower() for word in text.split(" ")
    )
