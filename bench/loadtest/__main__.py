"""`python -m bench.loadtest` (`make loadtest`): the application served as in production
— gunicorn with 4 workers, PostgreSQL 15, DEBUG off, static files by whitenoise, one
trusted proxy — on a database with the demo and a synthetic population, then loaded by
Locust in steps (`bench/loadtest/swarm.py`). Everything runs on loopback and stops by
itself.

LOADTEST_PERSONS: the population (100,000 persons by default, with 10 timeline events
and one published offer per person). LOADTEST_STEP_SECONDS: the length of each step
(60 by default; 10 for a quick check)."""

import hashlib
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var" / "loadtest"
BIN = Path(sys.executable).parent
POSTGRES_PORT = int(os.environ.get("LOADTEST_POSTGRES_PORT", "54341"))
WEB_PORT = int(os.environ.get("LOADTEST_PORT", "18741"))
WORKERS = 4


def _environment(database_url: str) -> dict[str, str]:
    """What the web server runs with: production settings, over plain HTTP on loopback."""
    return {
        "DATABASE_URL": database_url,
        "PARCOURS_VAR_DIR": str(VAR_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        # Plain HTTP on loopback: no redirection to https, cookies not marked Secure.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "TRUSTED_PROXY_COUNT": "1",
        "PARCOURS_LOG_LEVEL": "WARNING",
    }


def _collect_static() -> None:
    """collectstatic, skipped when nothing it collects changed (compressing every file
    again takes a minute on a busy machine)."""
    from django.core.management import call_command

    digest = hashlib.sha256((BASE_DIR / "requirements.lock").read_bytes())
    for path in sorted((BASE_DIR / "static").rglob("*")):
        digest.update(f"{path.relative_to(BASE_DIR)} {path.stat().st_size}".encode())
    marker = VAR_DIR / "static" / f".collected-{digest.hexdigest()[:12]}"
    if not marker.exists():
        call_command("collectstatic", "--noinput", "--clear", verbosity=0)
        marker.touch()


def _postmaster_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('data_directory')")
        (data,) = cursor.fetchone()
    return int((Path(data) / "postmaster.pid").read_text().split()[0])


def _wait_until_served(url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn s'est arrêté (code {server.returncode}) : voir {VAR_DIR}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"gunicorn ne répond pas sur {url} après {timeout:.0f} s")


def main() -> int:
    persons = int(os.environ.get("LOADTEST_PERSONS", "100000"))
    step_seconds = int(os.environ.get("LOADTEST_STEP_SECONDS", "60"))
    # Always its own cluster: the database is restored from a file, never on a server
    # that holds anything else.
    os.environ.pop("BENCH_DATABASE_URL", None)
    from bench.postgres import database_url

    url = database_url(port=POSTGRES_PORT)
    if url is None:
        print("PostgreSQL 15 n'est pas installé ici (/usr/lib/postgresql/15/bin) : essai sauté.")
        return 0
    server_environment = _environment(url)
    os.environ.update(server_environment)
    import django
    from django.db import connections

    django.setup()
    from bench.loadtest import database

    print(f"Base : {persons:,} personnes".replace(",", " "), flush=True)
    prepared = database.prepare(persons=persons, folder=VAR_DIR, database_url=url)
    how = "restaurée depuis" if prepared["restored"] else "construite et gardée dans"
    print(f"Base {how} {prepared['dump'].relative_to(BASE_DIR)} en {prepared['seconds']:.0f} s")
    _collect_static()
    accounts = database.accounts()
    postgres_pid = _postmaster_pid()
    connections.close_all()

    log = (VAR_DIR / "gunicorn.log").open("w")
    host = f"http://127.0.0.1:{WEB_PORT}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{WEB_PORT}",
            "--no-control-socket",
        ],
        cwd=BASE_DIR,
        env=dict(os.environ),  # the settings above were put there
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_served(f"{host}/comptes/login/", server)
        print(f"gunicorn ({WORKERS} processus) sur {host}, journal : var/loadtest/gunicorn.log")
        swarm = subprocess.run(
            [sys.executable, "-m", "bench.loadtest.swarm"],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "LOADTEST_HOST": host,
                "LOADTEST_ACCOUNTS": ",".join(accounts),
                "LOADTEST_STEP_SECONDS": str(step_seconds),
                "LOADTEST_WORKERS": str(WORKERS),
                "LOADTEST_GUNICORN_PID": str(server.pid),
                "LOADTEST_POSTGRES_PID": str(postgres_pid),
            },
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return swarm.returncode


if __name__ == "__main__":
    sys.exit(main())
