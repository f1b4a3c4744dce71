"""French words reduced to a common form, so that what a person types meets what an offer
or a job title says: accents and case (`lib.text.normalize`), plural and feminine forms
(« vendeuses » = « vendeur », « préparatrice » = « préparateur », « ménagère » =
« ménager »), and the small words that carry no meaning for a search (« de », « la »).

A light stemmer on purpose: job titles are written « Vendeur / Vendeuse », so reducing
gender and number is what matters; deeper stemming (« vente » = « vendeur ») would also
merge words that mean different jobs, and is left to the curated synonyms of
`jobs.synonyms`. Both sides of a search (the indexed text and the query) go through the
same function, in Python, so SQLite and PostgreSQL find the same thing."""

from lib.text import words

# Words that never narrow a job search. Single letters (« h/f », « agent(e) ») go too.
STOPWORDS = frozenset(
    [
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "la",
        "le",
        "les",
        "leur",
        "mais",
        "ou",
        "par",
        "pas",
        "pour",
        "qui",
        "que",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "un",
        "une",
        "vos",
        "votre",
        "nous",
        "vous",
        "il",
        "elle",
        "ils",
        "elles",
        "est",
        "sont",
    ]
)

# Feminine endings and the masculine they stand for, longest first: the first that
# fits is applied. Each keeps at least three letters before it.
_ENDINGS = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("iere", "ier"),
    ("enne", "en"),
    ("onne", "on"),
    ("elle", "el"),
    ("ante", "ant"),
    ("ente", "ent"),
    ("ere", "er"),
    ("ive", "if"),
    ("ee", "e"),
)
_MIN_ROOT = 3


def stem(word: str) -> str:
    """The common form of one normalized word (lower case, no accents).

    >>> [stem(w) for w in ("vendeuses", "preparatrice", "menagere", "agents", "bureaux")]
    ['vendeur', 'preparateur', 'menager', 'agent', 'bureau']
    """
    if word.isdigit():
        return word
    # Plural: « agents », « bureaux » (not « process », nor short words as « bus »).
    if len(word) > 3 and (word.endswith(("eaux", "s")) and not word.endswith("ss")):
        word = word[:-1]
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_ROOT:
            return word[: -len(ending)] + replacement
    return word


def meaningful(word: str) -> bool:
    return len(word) > 1 and word not in STOPWORDS


def stems(text: str) -> list[str]:
    """The common forms of the meaningful words of `text`, in order, repeats removed."""
    return list(dict.fromkeys(stem(w) for w in words(text or "") if meaningful(w)))


def indexed(*texts: str) -> str:
    """What a search column stores: the stems of `texts`, each preceded by a space, so
    that « starts a word » is `LIKE '% stem%'` on both databases."""
    found: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            if meaningful(word):
                # The word as written too: a word typed halfway (« préparatric ») starts it.
                found.update({stem(word): None, word: None})
    return "".join(f" {s}" for s in found) + (" " if found else "")
