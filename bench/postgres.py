"""A throwaway PostgreSQL 15 cluster for `python -m bench --postgres` and the load test:
its own temporary folder, its own port on loopback (each tool its own, so both can run at
once), stopped at exit. BENCH_DATABASE_URL, when set, names an existing server instead."""

import atexit
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

PGBIN = Path("/usr/lib/postgresql/15/bin")
PORT = 54331


def database_url(*, port: int = PORT) -> str | None:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    if not (PGBIN / "postgres").exists():
        return None
    data = Path(tempfile.mkdtemp(prefix="parcours-bench-pg-"))
    as_postgres = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        pwd.getpwnam("postgres")
        shutil.chown(data, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]

    def run(*command):
        subprocess.run([*as_postgres, *command], check=True, capture_output=True)

    run(str(PGBIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(
        str(PGBIN / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(data / "log"),
        "-w",
        "-o",
        options,
        "start",
    )

    def stop():
        subprocess.run(
            [*as_postgres, str(PGBIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(data, ignore_errors=True)

    atexit.register(stop)
    run(str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "bench")
    return f"postgres://postgres@127.0.0.1:{port}/bench"
