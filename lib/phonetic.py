"""Names as they sound in French, so that one person written two ways meets herself:
« Karim BENALI », « benali karim », « Benaly Kareem » and « Ben-Ali Karim » give one key.

The rules are a small French phonetic reduction (in the spirit of Soundex-FR/Phonex):
spellings of one sound become one letter, silent endings and doubled letters go. It is
a way to *propose* a likely duplicate to a person who then decides, never to merge: a
false match costs a glance, a missed one a second file."""

import re

from lib.text import words

# Order matters: digraphs before the single letters they contain; doubled letters go
# before the nasal vowels are read (« Bennali » is « Benali »). Upper-case letters are
# sounds already settled, which the later rules leave alone.
_RULES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ph", "f"),
        (r"ch(?=[rl])", "k"),  # Christophe, Chloé
        (r"sch|sh|ch", "C"),  # « ch » as in chat
        (r"gu(?=[eiy])", "G"),  # hard g: Guillot
        (r"ge(?=[aou])", "j"),
        (r"g(?=[eiy])", "j"),
        (r"qu|ck|q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"bv", "v"),  # Lefebvre
        (r"h", ""),
        (r"x", "ks"),
        (r"z", "s"),
        (r"w", "v"),
        (r"y", "i"),
        (r"ee", "i"),
        (r"(.)\1+", r"\1"),
        (r"(?:ain|ein|in|im|un|um)(?![aeiou])", "I"),
        (r"(?:an|am|en|em)(?![aeiou])", "A"),
        (r"(?:on|om)(?![aeiou])", "O"),
        (r"eau|au", "o"),
        (r"ai|ei", "e"),
        (r"(?<=..)(?:e|er|es|et|ez|s|t|d|x)$", ""),  # silent endings, a word kept
    )
]


def sound_of(word: str) -> str:
    """One normalized word reduced to how it sounds."""
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return word


def name_key(*names: str) -> str:
    """The sounds of the names, sorted: first and last names swapped, written with or
    without a hyphen or a space (« Ben-Ali », « Benali ») or in capitals give the same
    key. Empty without a name."""
    return " ".join(sorted(filter(None, (sound_of("".join(words(name))) for name in names))))
