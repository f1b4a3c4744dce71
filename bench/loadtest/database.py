"""The load test's database: the demo territory plus a synthetic population (persons,
their timelines, published offers), built once with the benchmarks' bulk builders and
kept as a `pg_dump` file under var/loadtest/. The next run restores that file instead
of building again, as long as the lock file, the migrations and the builders are the
same and the volume asked for is too."""

import hashlib
import subprocess
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, connections

from access.policy import Capability, kinds_with
from bench import offers, population
from bench.postgres import PGBIN
from demo.territory import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

BASE_DIR = Path(__file__).resolve().parent.parent.parent
EVENTS_PER_PERSON = 10
OFFERS_PER_PERSON = 1
# The demo counsellors whose organizations follow people (admins have a second factor,
# prescribers and employers have no worklist: neither is used).
DEMO_COUNSELLORS = [
    "camille.siae",
    "nadia.eef",
    "sophie.mission",
    "yann.aci",
    "karine.ei",
    "thomas.etti",
    "martine.aubrac",
]
# What the cache key follows: a change to any of these builds the database again.
_KEYED = [
    "requirements.lock",
    "*/migrations/*.py",
    "demo/**/*.py",
    "reference/loading.py",
    "bench/population.py",
    "bench/offers.py",
    "bench/loadtest/database.py",
]


def prepare(*, persons: int, folder: Path, database_url: str) -> dict:
    """Restore the kept database when it matches, else build it and keep it. Returns
    how it went ({"restored": bool, "seconds": float, "dump": Path})."""
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / f"parcours-{persons}-{cache_key(persons)}.dump"
    started = time.perf_counter()
    restored = dump.exists()
    if restored:
        _run(PGBIN / "pg_restore", "--no-owner", "--jobs=2", "-d", database_url, str(dump))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # a restore brings no planner statistics
    else:
        build(persons=persons)
        for stale in folder.glob(f"parcours-{persons}-*.dump"):
            stale.unlink()
        connections.close_all()
        partial = dump.with_suffix(".part")
        _run(PGBIN / "pg_dump", "-Fc", "-f", str(partial), database_url)
        partial.rename(dump)
    return {"restored": restored, "seconds": time.perf_counter() - started, "dump": dump}


def build(*, persons: int) -> None:
    """Everything the load test reads, on a migrated empty database."""
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", "--quiet-accounts", verbosity=0)
    population.build(persons=persons, events=persons * EVENTS_PER_PERSON)
    offers.build(offers=persons * OFFERS_PER_PERSON)
    _open_accounts()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _open_accounts() -> None:
    """The generated counsellors get the demo password."""
    get_user_model().objects.filter(email__endswith="@bench.localhost").update(
        password=make_password(DEMO_PASSWORD)
    )


def accounts() -> list[str]:
    """Who the simulated counsellors sign in as, in turn: a counsellor of the large
    generated structure, one of a smaller structure that follows people, and a demo
    counsellor. Each acts for a structure that follows people (prescribers have no
    worklist): every page they visit is theirs."""
    users = get_user_model().objects.filter(
        email__endswith="@bench.localhost",
        memberships__is_active=True,
        memberships__organization__kind__in=kinds_with(Capability.FOLLOW_PERSONS),
    )
    large = sorted(
        users.filter(memberships__organization__name=population.LARGE_NAME).values_list(
            "email", flat=True
        )
    )
    small = sorted(
        users.exclude(memberships__organization__name=population.LARGE_NAME).values_list(
            "email", flat=True
        )
    )
    demo = [f"{key}@{DEMO_EMAIL_DOMAIN}" for key in DEMO_COUNSELLORS]
    return [
        email
        for index in range(max(len(large), len(small), len(demo)))
        for email in (
            large[index % len(large)],
            small[index % len(small)],
            demo[index % len(demo)],
        )
    ]


def cache_key(persons: int) -> str:
    digest = hashlib.sha256(str(persons).encode())
    for pattern in _KEYED:
        for path in sorted(BASE_DIR.glob(pattern)):
            if ".venv" not in path.parts:
                digest.update(str(path.relative_to(BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _run(program: Path, *arguments: str) -> None:
    subprocess.run([str(program), *arguments], check=True, capture_output=True)
