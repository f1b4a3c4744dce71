"""What a person typed to find a job, read as search terms: the words as written (plural,
feminine and accents aside, `lib.stemming`), the everyday words' synonyms
(`jobs.synonyms`), and, for a word no job title starts with, the close words of the
referential (a typo: « vendeir », « boulengerie »).

A term is found in a search column (`lib.stemming.indexed`) when one of its
alternatives is: every word of the alternative starting a word of the column. The
same `LIKE '% word%'` patterns run on SQLite and PostgreSQL; on PostgreSQL a trigram
index (pg_trgm, see the jobs and offers migrations) answers them without a scan."""

import difflib
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, Max, Q

from jobs.synonyms import SYNONYMS
from lib.search import MIN_QUERY_LENGTH
from lib.stemming import meaningful, stem, stems
from lib.text import normalize, words

# Typos are looked for in words of this length or more, among the words of the
# referential that start with the same letter (people rarely miss the first one).
TYPO_MIN_LENGTH = 4
TYPO_CUTOFF = 0.75
TYPO_CANDIDATES = 3
# A query is cut to this many words: nobody types more, and each costs a pattern.
MAX_TERMS = 8
# Multi-word synonym entries are this long at most (« garde d'enfants »).
_LONGEST_ENTRY = 3


@dataclass(frozen=True)
class Term:
    """One thing the person asked for: as typed first, then what else stands for it."""

    typed: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]

    def found_in(self, field: str, *, as_typed: bool = False) -> Q:
        found = Q()
        for alternative in self.alternatives[:1] if as_typed else self.alternatives:
            every_word = Q()
            for word in alternative:
                every_word &= Q(**{f"{field}__contains": f" {word}"})
            found |= every_word
        return found


@dataclass(frozen=True)
class JobQuery:
    text: str  # normalized, as typed
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def found_in(self, field: str, *, as_typed: bool = False) -> Q:
        """Every term found in `field`."""
        found = Q()
        for term in self.terms:
            found &= term.found_in(field, as_typed=as_typed)
        return found


def parse(query: str) -> JobQuery:
    """The terms of `query`; none when it is too short to search."""
    typed = words(query or "")
    if len("".join(typed)) < MIN_QUERY_LENGTH:
        return JobQuery("", ())
    kept = [stem(w) for w in typed if meaningful(w)][: MAX_TERMS * 2]
    entries = _synonym_entries()
    terms: list[Term] = []
    position = 0
    while position < len(kept) and len(terms) < MAX_TERMS:
        for size in range(min(_LONGEST_ENTRY, len(kept) - position), 0, -1):
            phrase = tuple(kept[position : position + size])
            if phrase in entries or size == 1:
                terms.append(_term(phrase, entries.get(phrase, ())))
                position += size
                break
    return JobQuery(" ".join(typed), tuple(terms))


def _term(phrase: tuple[str, ...], synonyms: tuple[tuple[str, ...], ...]) -> Term:
    alternatives = [phrase, *synonyms]
    if len(phrase) == 1 and len(phrase[0]) >= TYPO_MIN_LENGTH:
        alternatives += [(word,) for word in close_words(phrase[0])]
    return Term(phrase, tuple(dict.fromkeys(alternatives)))


@lru_cache(maxsize=1)
def _synonym_entries() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    entries = {}
    for entry, replacements in SYNONYMS.items():
        alternatives = tuple(tuple(stems(r)) for r in replacements)
        entries[tuple(stems(entry))] = tuple(a for a in alternatives if a)
    return entries


# --- typos ------------------------------------------------------------------------------


def close_words(word: str) -> list[str]:
    """Words of the referential close to `word` when none starts with it."""
    vocabulary = _vocabulary(*_referential_version())
    at = bisect_left(vocabulary, word)
    if at < len(vocabulary) and vocabulary[at].startswith(word):
        return []
    same_start = [w for w in vocabulary if w[:1] == word[:1] and abs(len(w) - len(word)) <= 2]
    return difflib.get_close_matches(word, same_start, n=TYPO_CANDIDATES, cutoff=TYPO_CUTOFF)


def _referential_version() -> tuple:
    from jobs.models import Appellation

    # Reference data changes with a new load (rows added or removed), tests with their
    # factories: the count and the highest code say when the words must be read again.
    return tuple(Appellation.objects.aggregate(n=Count("code"), last=Max("code")).values())


@lru_cache(maxsize=2)
def _vocabulary(*_version) -> list[str]:
    """Every word of the job titles, families and synonyms, sorted (for prefixes)."""
    from jobs.models import Appellation, RomeFamily

    found = set()
    for column in (
        Appellation.objects.values_list("search_words", flat=True),
        RomeFamily.objects.values_list("search_words", flat=True),
    ):
        for text in column.iterator(chunk_size=5000):
            found.update(text.split())
    for entry, replacements in SYNONYMS.items():
        for text in (entry, *replacements):
            found.update(normalize(text).split())
            found.update(stems(text))
    return sorted(found)
