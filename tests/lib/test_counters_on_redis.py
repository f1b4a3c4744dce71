"""The rate limits counted in Redis, as in production when `REDIS_URL` is set: a real
server on loopback, started for these tests (`.ci/run` installs it)."""

import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.core.cache import caches

from lib import rate_limit

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server absent : apt-get install redis-server"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    port = _free_port()
    server = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("redis-server did not start") from None
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def on_redis(redis_url, settings, monkeypatch):
    settings.CACHES = {
        **settings.CACHES,
        "counters": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        },
    }
    caches["counters"].clear()
    state = {"now": 1_800_000_000.0}
    monkeypatch.setattr(rate_limit, "now", lambda: state["now"])
    return state


def test_the_counters_are_in_redis(on_redis):
    assert type(rate_limit.counters()).__name__ == "RedisCache"


def test_it_counts_in_fixed_windows_on_redis(on_redis):
    assert [rate_limit.over_limit("t", "a", limit=2, seconds=60) for _ in range(4)] == [
        False,
        False,
        True,
        True,
    ]
    on_redis["now"] += 60
    assert rate_limit.hit("t", "a", seconds=60) == 1
    assert rate_limit.count("t", "b", seconds=60) == 0


def test_concurrent_hits_are_all_counted_on_redis(on_redis):
    threads, per_thread, errors = 8, 50, []

    def hammer():
        try:
            for _ in range(per_thread):
                rate_limit.hit("burst", "a", seconds=60)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert rate_limit.count("burst", "a", seconds=60) == threads * per_thread
