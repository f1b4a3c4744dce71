"""French plurals of counts. French puts 0 and 1 in the singular (« 0 orientation
envoyée », « 1 orientation envoyée », « 2 orientations envoyées »), where Django's
`pluralize` and English put 0 in the plural."""

from collections.abc import Sized


def is_plural(count: int | Sized) -> bool:
    """Whether `count` (a number, or anything with a length) takes the plural: 2 and more."""
    if isinstance(count, Sized):
        count = len(count)
    return abs(count) >= 2


def suffix(count: int | Sized, endings: str = "s") -> str:
    """The ending for `count`, as Django's `pluralize` reads it: « s » or nothing; or
    « plural » alone; or « singular,plural » (« al,aux », « t,ssent »)."""
    singular, _, plural = endings.rpartition(",") if "," in endings else ("", "", endings)
    return plural if is_plural(count) else singular


def count_of(count: int | Sized, singular: str, plural: str | None = None) -> str:
    """« 1 orientation envoyée », « 3 orientations envoyées »: the number and its words.
    `plural` defaults to each word of `singular` before a preposition with an « s »,
    unless it ends in s, x
    or z (« 2 rendez-vous »); give it for the irregular ones (« 2 journaux »)."""
    number = len(count) if isinstance(count, Sized) else count
    if not is_plural(number):
        words = singular
    elif plural is not None:
        words = plural
    else:
        words = _plural_words(singular)
    return f"{number} {words}"


# From a preposition on, the words are a complement and keep their number (« mises en
# relation », « actions à faire »).
_PREPOSITIONS = frozenset({"à", "de", "d'", "du", "des", "en", "au", "aux", "sur", "pour"})


def _plural_words(singular: str) -> str:
    words = singular.split(" ")
    for index, word in enumerate(words):
        if word in _PREPOSITIONS:
            break
        if not word.endswith(("s", "x", "z")) and word[-1:].isalpha():
            words[index] = word + "s"
    return " ".join(words)
