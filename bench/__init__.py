"""Benchmarks, run by `make bench` (`python -m bench`, or `python -m bench reference` for
one of them). Never part of the test suite: timings depend on the machine.

Each benchmark is a module listed in MODULES with a `run()` returning Measures; it runs
against a throwaway database (SQLite under var/bench/, or PostgreSQL with --postgres), never
the development one."""

import os
from dataclasses import dataclass

MODULES = {
    "reference": "bench.reference",
    "persons": "bench.persons",
    "offers": "bench.offers",
    "worklist": "bench.worklist",
    "scale": "bench.scale",
    "matching": "bench.matching",
    "territory": "bench.territory",
    "pages": "bench.pages",
    "indicators": "bench.indicators",
    "exports": "bench.exports",
    "search": "bench.search",
}
PERSONS = 1_000_000  # the size of the platform measured, unless BENCH_PERSONS says otherwise


def persons_wanted() -> int:
    """The size of the platform: `BENCH_PERSONS` (e.g. 10000 for a quick run)."""
    value = os.environ.get("BENCH_PERSONS", "").replace("_", "")
    return int(value) if value else PERSONS


@dataclass(frozen=True)
class Measure:
    label: str
    result: str
    baseline: str = ""  # the same measure for a naive approach, when there is one
    target: str = ""
    met: bool | None = None  # None: no target
