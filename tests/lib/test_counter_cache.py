"""The counters' cache in the database: one row per key, atomic increments, expired
rows deleted through the expiry index, never a count of the table."""

import threading

import pytest
from django.core.cache import caches
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from lib import counter_cache, rate_limit

pytestmark = pytest.mark.django_db


@pytest.fixture
def counters():
    return caches["counters"]


@pytest.fixture
def clock(monkeypatch):
    """The counters' and the limits' clock, moved by hand; the cull runs at the next add."""
    state = {"now": 1_800_000_000.0}
    monkeypatch.setattr(counter_cache, "now", lambda: state["now"])
    monkeypatch.setattr(rate_limit, "now", lambda: state["now"])
    monkeypatch.setattr(counter_cache, "_culled_at", {})
    return state


def _rows() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM parcours_counters")
        return {key: int(value) for key, value in cursor.fetchall()}


def test_it_is_the_database_backend_in_the_tests(counters):
    assert isinstance(counters, counter_cache.CounterCache)


def test_add_creates_once_and_never_resets_a_live_count(counters, clock):
    assert counters.add("k", 1, timeout=60) is True
    assert counters.incr("k") == 2
    assert counters.add("k", 1, timeout=60) is False
    assert counters.get("k") == 2


def test_incr_of_a_missing_or_expired_key_raises_value_error(counters, clock):
    with pytest.raises(ValueError):
        counters.incr("absent")
    counters.add("k", 1, timeout=60)
    clock["now"] += 61
    with pytest.raises(ValueError):
        counters.incr("k")
    assert counters.get("k", 0) == 0
    assert counters.add("k", 1, timeout=60) is True  # an expired row is taken over
    assert counters.incr("k", 5) == 6


def test_set_delete_touch_and_clear(counters, clock):
    counters.set("k", 7, timeout=10)
    assert counters.get("k") == 7 and counters.has_key("k")
    assert counters.touch("k", timeout=100) is True
    clock["now"] += 50
    assert counters.get("k") == 7
    assert counters.delete("k") is True and counters.get("k") is None
    counters.set("j", 1, timeout=None)
    clock["now"] += 365 * 24 * 3600
    assert counters.get("j") == 1
    counters.clear()
    assert _rows() == {}


def test_it_holds_integers_only(counters):
    with pytest.raises(TypeError):
        counters.set("k", "3")
    with pytest.raises(TypeError):
        counters.add("k", {"failures": 1})


def test_past_windows_are_deleted_and_the_count_starts_again(counters, clock):
    for _ in range(3):
        rate_limit.hit("board", "203.0.113.7", seconds=60)
    assert rate_limit.count("board", "203.0.113.7", seconds=60) == 3
    first_window = set(_rows())
    clock["now"] += 120  # two windows later: the old row has expired
    assert rate_limit.hit("board", "203.0.113.7", seconds=60) == 1
    remaining = _rows()
    assert not first_window & set(remaining)
    assert list(remaining.values()) == [1]


def test_the_cull_runs_once_a_minute_and_never_counts_the_table(counters, clock):
    counters.add("old", 1, timeout=10)  # culls (nothing yet), then not for a minute
    clock["now"] += 30
    counters.add("meanwhile", 1, timeout=10)
    assert set(_rows()) == {":1:old", ":1:meanwhile"}
    clock["now"] += 31
    with CaptureQueriesContext(connection) as queries:
        counters.add("new", 1, timeout=10)
        counters.add("newer", 1, timeout=10)
    statements = [q["sql"].upper() for q in queries.captured_queries]
    assert not any("COUNT(" in sql for sql in statements)
    assert sum(sql.startswith("DELETE") for sql in statements) == 1  # not on the second add
    assert set(_rows()) == {":1:new", ":1:newer"}


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_are_all_counted(counters):
    if connection.vendor == "sqlite":
        pytest.skip(
            "the in-memory SQLite test database is one shared cache: a second "
            "connection's write fails at once instead of waiting its turn"
        )
    counters.clear()
    counters.add("burst", 0, timeout=60)
    threads, per_thread, errors = 8, 25, []

    def hammer():
        try:
            for _ in range(per_thread):
                counters.incr("burst")
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert counters.get("burst") == threads * per_thread
    counters.clear()
