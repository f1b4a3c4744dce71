"""`python -m bench [--postgres] [name…]`: prepare a fresh database (SQLite under
var/bench/, or a throwaway PostgreSQL cluster with --postgres), run the benchmarks, print
a table. Settings are pointed at it before Django starts.

`BENCH_PERSONS` sets the size of the population (1,000,000 persons and 10,000,000
events by default; 10000 for a quick run); `BENCH_KEEP=1` keeps the SQLite databases
under var/bench/ for the next run instead of building them again."""

import importlib
import os
import sys
import time
from pathlib import Path

from bench import persons_wanted

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"


DATABASE = BENCH_DIR / f"bench-{persons_wanted()}.sqlite3"


def _keep() -> bool:
    return os.environ.get("BENCH_KEEP") == "1"


def _remove_databases() -> None:
    for stale in [*BENCH_DIR.glob("bench.sqlite3*"), *BENCH_DIR.glob("bench-*.sqlite3*")]:
        stale.unlink()


def _prepare_environment(database_url: str | None = None) -> None:
    # static/: where production serves the collected files from (none needed here).
    (BENCH_DIR / "static").mkdir(parents=True, exist_ok=True)
    if not _keep():
        _remove_databases()
    # Forced, not defaulted: a DATABASE_URL of the shell must never be benchmarked on.
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{DATABASE}"
    os.environ["PARCOURS_VAR_DIR"] = str(BENCH_DIR)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "false"  # DEBUG keeps every query in memory: not realistic
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("PARCOURS_LOG_LEVEL", "WARNING")


def _print_table(title: str, measures) -> None:
    headers = ("Mesure", "Résultat", "Référence naïve", "Objectif", "")
    rows = [
        (
            m.label,
            m.result,
            m.baseline or "—",
            m.target or "—",
            "" if m.met is None else ("OK" if m.met else "NON ATTEINT"),
        )
        for m in measures
    ]
    widths = [max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]
    line = "  ".join("-" * width for width in widths)
    print(f"\n== {title}")
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def main(arguments: list[str]) -> int:
    postgres = "--postgres" in arguments
    names = [name for name in arguments if name != "--postgres"]
    unknown = [name for name in names if name not in _modules()]
    if unknown:
        print(f"Benchmark inconnu : {', '.join(unknown)}. Disponibles : {', '.join(_modules())}")
        return 2
    database_url = None
    if postgres:
        from bench.postgres import database_url as start_postgres

        database_url = start_postgres()
        if database_url is None:
            print("PostgreSQL 15 n'est pas installé ici : mesures sur PostgreSQL sautées.")
            return 0
    _prepare_environment(database_url)
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    where = "PostgreSQL (grappe jetable)" if postgres else DATABASE
    print(f"Base de mesure : {where} (migrée en {time.perf_counter() - started:.1f} s)")
    print(f"Taille : {persons_wanted():,} personnes (BENCH_PERSONS)".replace(",", " "))
    missed = 0
    for name in names or list(_modules()):
        started = time.perf_counter()
        measures = importlib.import_module(_modules()[name]).run()
        _print_table(f"{name} ({time.perf_counter() - started:.0f} s)", measures)
        missed += sum(1 for m in measures if m.met is False)
    if not postgres and not _keep():
        from django.db import connection

        connection.close()
        _remove_databases()
    print(
        "\nTous les objectifs sont atteints."
        if not missed
        else f"\n{missed} objectif(s) non atteint(s)."
    )
    return 0


def _modules() -> dict[str, str]:
    from bench import MODULES

    return MODULES


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
