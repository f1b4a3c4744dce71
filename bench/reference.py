"""Reference data: how long `load_reference_data` takes (first load into an empty
database, then the no-change run `make run` does on every start), and how fast commune and
job title autocomplete answer with the full data, against a naive `icontains` lookup."""

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from bench import Measure
from jobs.models import Appellation
from jobs.selectors import appellations_search
from lib.text import normalize
from reference.loading import load_reference_data
from territories.models import Commune
from territories.selectors import communes_search

LOAD_TARGET_S = 30
SECOND_RUN_TARGET_S = 1
AUTOCOMPLETE_P95_TARGET_MS = 50
QUERIES = 300
SEED = 20241122


def run() -> list[Measure]:
    measures = _load_measures()
    rng = random.Random(SEED)
    measures += _autocomplete_measures(
        "communes",
        _commune_queries(rng),
        lambda q: communes_search(q),
        lambda q: list(Commune.objects.filter(name__icontains=q).order_by("-population")[:10]),
    )
    measures += _autocomplete_measures(
        "appellations",
        _appellation_queries(rng),
        lambda q: appellations_search(q),
        lambda q: list(Appellation.objects.filter(name__icontains=q).order_by("name")[:10]),
    )
    return measures


def _load_measures() -> list[Measure]:
    started = time.perf_counter()
    load_reference_data()
    first = time.perf_counter() - started
    started = time.perf_counter()
    load_reference_data()
    second = time.perf_counter() - started
    # What `make run` pays on each start: a new process, Django set-up, the checksums;
    # next to starting Django and doing nothing, which no command can beat.
    command = _process_seconds("manage.py", "load_reference_data")
    bare = _process_seconds("-c", "import django; django.setup()")
    return [
        Measure(
            "Premier chargement (base vide)",
            f"{first:.1f} s",
            target=f"< {LOAD_TARGET_S} s",
            met=first < LOAD_TARGET_S,
        ),
        Measure(
            "Second chargement (rien n'a changé)",
            f"{second:.2f} s",
            target=f"< {SECOND_RUN_TARGET_S} s",
            met=second < SECOND_RUN_TARGET_S,
        ),
        Measure(
            "Second chargement, processus complet",
            f"{command:.2f} s",
            baseline=f"{bare:.2f} s (Django seul)",
        ),
    ]


def _process_seconds(*arguments: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, *arguments],
        cwd=Path(settings.BASE_DIR),
        env=os.environ.copy(),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def _typed(name: str, rng: random.Random) -> str:
    """What someone types for `name`: the start of it, often without accents or capitals."""
    typed = name[: rng.randint(3, max(3, min(len(name), 12)))]
    return normalize(typed) if rng.random() < 0.6 else typed


def _commune_queries(rng: random.Random) -> list[tuple[str, str]]:
    """(query, code expected among the results); people look up big places more often."""
    communes = list(Commune.objects.values_list("code", "name", "post_codes", "population"))
    weights = [population + 500 for *_rest, population in communes]
    queries = []
    for code, name, post_codes, _population in rng.choices(communes, weights, k=QUERIES):
        if rng.random() < 0.2 and post_codes:
            queries.append((post_codes.split("|")[0], code))
        elif rng.random() < 0.2:
            queries.append((name, code))
        else:
            queries.append((_typed(name, rng), code))
    return queries


def _appellation_queries(rng: random.Random) -> list[tuple[str, str]]:
    """(query, code expected): the starts of one or two words of a title, in any order."""
    appellations = list(Appellation.objects.values_list("code", "search_name"))
    queries = []
    for code, search_name in rng.sample(appellations, QUERIES):
        words = [word for word in search_name.split() if len(word) > 2] or search_name.split()
        picked = rng.sample(words, min(len(words), rng.choice((1, 2))))
        queries.append((" ".join(word[: rng.randint(3, 8)] for word in picked), code))
    return queries


def _timed(search: Callable, queries: list[tuple[str, str]]) -> tuple[list[float], float]:
    """Milliseconds per query, and the share of queries whose target is in the results."""
    for query, _code in queries[:20]:  # warm the connection and caches
        search(query)
    timings, found = [], 0
    for query, code in queries:
        started = time.perf_counter()
        results = search(query)
        timings.append((time.perf_counter() - started) * 1000)
        found += any(result.pk == code for result in results)
    return timings, found / len(queries)


def _autocomplete_measures(noun, queries, search, baseline) -> list[Measure]:
    timings, found = _timed(search, queries)
    base_timings, base_found = _timed(baseline, queries)
    p50, p95 = _percentiles(timings)
    base_p50, base_p95 = _percentiles(base_timings)
    return [
        Measure(
            f"Autocomplétion {noun}, p50 ({len(queries)} requêtes)",
            f"{p50:.1f} ms",
            baseline=f"{base_p50:.1f} ms",
        ),
        Measure(
            f"Autocomplétion {noun}, p95",
            f"{p95:.1f} ms",
            baseline=f"{base_p95:.1f} ms",
            target=f"< {AUTOCOMPLETE_P95_TARGET_MS} ms",
            met=p95 < AUTOCOMPLETE_P95_TARGET_MS,
        ),
        Measure(
            f"Autocomplétion {noun}, cible dans les 10 premiers",
            f"{found:.0%}",
            baseline=f"{base_found:.0%}",
        ),
    ]


def _percentiles(timings: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(timings, n=100)
    return statistics.median(timings), cuts[94]
