"""One database per size of platform, so that a benchmark can measure the same
structures on a platform of 10,000 persons and on one of 1,000,000 in the same run:
SQLite files under var/bench/, or databases of the bench's PostgreSQL cluster. The
size `python -m bench` was asked for (`BENCH_PERSONS`) lives on the database it
prepared; another size gets its own, built the first time and dropped at the end
unless `BENCH_KEEP=1`."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.db import connections

from bench import persons_wanted
from bench.population import Population, build

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"


def sqlite_path(persons: int) -> Path:
    return BENCH_DIR / f"bench-{persons}.sqlite3"


def keep() -> bool:
    return os.environ.get("BENCH_KEEP") == "1"


@contextmanager
def platform(persons: int) -> Iterator[Population]:
    """The default connection on the database of a platform of `persons` persons, built
    if needed; back on the one `python -m bench` prepared afterwards."""
    if persons == persons_wanted():
        yield build(persons=persons)
        return
    connection = connections["default"]
    before = connection.settings_dict["NAME"]
    postgres = connection.vendor == "postgresql"
    name = f"bench_{persons}" if postgres else str(sqlite_path(persons))
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        yield build(persons=persons)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = before
        if not keep():
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            else:
                for path in BENCH_DIR.glob(f"{Path(name).name}*"):
                    path.unlink()
