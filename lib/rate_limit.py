"""Counting requests in fixed windows of time, in the counters' cache.

The key carries the number of the window (`now // seconds`), so a count never outlives
its window, whatever the backend does with expiries. A count kept under one key with
its expiry pushed back on every hit kept a busy address limited for ever. Every public
form and the sign-in count through here.

The counts live in `caches["counters"]`, shared by every process: Redis when
`REDIS_URL` is set, else a table of the database with one row per key
(`lib.counter_cache`). Both increment atomically: no hit is lost under a burst. A hit
costs one increment; the first of a window also creates its key."""

import hashlib
import time

from django.core.cache import caches

from lib.client_address import address_block, client_address


def now() -> float:
    """The clock of every limit (tests move it instead of sleeping)."""
    return time.time()


def window_number(seconds: int, at: float | None = None) -> int:
    return int((now() if at is None else at) // seconds)


def _key(scope: str, subject: str, seconds: int) -> str:
    # Hashed: addresses and emails are not written in clear in the cache table.
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{seconds}:{window_number(seconds)}"


def counters():
    return caches["counters"]


def hit(scope: str, subject: str, *, seconds: int) -> int:
    """Counts one more event for `subject` in the current window; returns the count."""
    key = _key(scope, subject, seconds)
    store = counters()
    try:
        return store.incr(key)
    except ValueError:  # the window's first event
        pass
    if store.add(key, 1, timeout=seconds + 5):
        return 1
    return store.incr(key)  # another request created it in between


def count(scope: str, subject: str, *, seconds: int) -> int:
    """The events counted so far in the current window, without counting one more."""
    return counters().get(_key(scope, subject, seconds), 0)


def over_limit(scope: str, subject: str, *, limit: int, seconds: int) -> bool:
    """Counts this event; True once more than `limit` fell in the current window."""
    return hit(scope, subject, seconds=seconds) > limit


def address_over_limit(request, scope: str, *, limit: int, seconds: int = 60) -> bool:
    """`over_limit` for the visitor's address (through the trusted proxies)."""
    return over_limit(scope, address_block(client_address(request)), limit=limit, seconds=seconds)
