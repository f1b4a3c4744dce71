"""Reads of the ROME referential: the job title search every job field suggests from
(the public board, wishes, offers, the API), and how common a job is."""

import time
from functools import lru_cache

from django.db.models import Count, Max, Sum

from jobs.models import Appellation, SectorHiring, ShortageRate
from jobs.search import JobQuery, parse
from lib.stemming import stems

# How long the count of published offers per job title is kept at most.
OFFER_COUNTS_SECONDS = 60


def appellations_search(query: str, limit: int = 10) -> list[Appellation]:
    """Job titles for what a person typed (`jobs.search`: words in any order, as word
    starts, accents, case, plural and feminine ignored, everyday words and typos too),
    the most likely first. One ranking for every job field and the API:

    1. the exact title, in any of its forms (« Cariste », « boulangère »);
    2. titles that start with the words typed, in order;
    3. titles with every word, anywhere, as typed or through a synonym or a corrected
       typo (« vente » finds « Assistant des ventes » and the « Vendeur » titles);
    4. titles of a family whose name has the words (« vente » → Vente en alimentation).

    Within each, the most common jobs first: offers published here for the title, then
    hires in France for its family (France Travail's declarations, raised by the share of
    difficult recruitments), then the shortest title (the most generic)."""
    parsed = parse(query)
    if not parsed:
        return []
    found = Appellation.objects.filter(
        parsed.found_in("search_words") | parsed.found_in("rome__search_words")
    )
    rows = list(found.values_list("code", "name", "search_name", "search_words", "rome_id"))
    if not rows:
        return []
    ranked = sorted(rows, key=_ranking(parsed, rows))[:limit]
    by_code = Appellation.objects.select_related("rome").in_bulk([row[0] for row in ranked])
    return [by_code[row[0]] for row in ranked]


def _ranking(parsed: JobQuery, rows):
    offers = _published_offers([row[0] for row in rows])
    demand = family_demand({row[4] for row in rows})

    def key(row):
        code, name, search_name, search_words, rome_id = row
        return (
            _tier(parsed, name, search_words),
            -offers.get(code, 0),
            -demand.get(rome_id, 0.0),
            len(search_name),
            search_name,
        )

    return key


def _tier(parsed: JobQuery, name: str, search_words: str) -> int:
    typed = [word for term in parsed.terms for word in term.typed]
    title = _title_words(name)
    if title == typed:
        return 0
    if len(typed) <= len(title) and all(
        title_word.startswith(word) for title_word, word in zip(title, typed, strict=False)
    ):
        return 1
    words = search_words.split()
    if all(_found(term.alternatives, words) for term in parsed.terms):
        return 2
    return 3


def _title_words(name: str) -> list[str]:
    """The title's meaningful words as one types them: « Agent / Agente de sécurité » →
    agent, securite (the second form of a word, which starts like the first, dropped)."""
    kept: list[str] = []
    for word in stems(name):
        if not any(word.startswith(first) for first in kept):
            kept.append(word)
    return kept


def _found(alternatives, words) -> bool:
    return any(all(any(w.startswith(a) for w in words) for a in alt) for alt in alternatives)


def _published_offers(codes: list[str]) -> dict[str, int]:
    """Published offers per job title. Counted for the whole board at once, again when an
    offer is published or changed (the latest update, one step on the offers' (state,
    last update) index) and every minute (an offer withdrawn): counting the offers of
    each search's titles would read thousands of rows."""
    # Imported here: offers depend on jobs, not the other way round.
    from offers.models import JobOffer

    latest = JobOffer.objects.published().aggregate(latest=Max("last_updated_at"))["latest"]
    counts = _offer_counts((latest, int(time.monotonic() // OFFER_COUNTS_SECONDS)))
    return {code: counts[code] for code in codes if code in counts}


@lru_cache(maxsize=1)
def _offer_counts(_version) -> dict[str, int]:
    from offers.models import JobOffer

    return dict(
        JobOffer.objects.published()
        .values_list("appellation")
        .annotate(n=Count("id"))
        .values_list("appellation", "n")
    )


def family_demand(rome_codes) -> dict[str, float]:
    """How much each family hires: its yearly hires in France, raised by its share of
    difficult recruitments (a shortage job is worth suggesting). Two grouped reads."""
    hirings = dict(
        SectorHiring.objects.filter(rome__in=rome_codes)
        .values_list("rome")
        .annotate(total=Sum("hirings"))
        .values_list("rome", "total")
    )
    tension = dict(
        ShortageRate.objects.filter(rome__in=rome_codes)
        .values_list("rome")
        .annotate(top=Max("tension_pct"))
        .values_list("rome", "top")
    )
    return {code: total * (1 + tension.get(code, 0) / 100) for code, total in hirings.items()}
