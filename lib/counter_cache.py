"""A cache for counters in the database, one row per key: what the rate limits count
with when no Redis is configured (`CACHES["counters"]`, see settings).

Django's DatabaseCache suits values read often and written rarely, not counters: each
write first counts the whole table (`SELECT COUNT(*)`) to decide whether to cull, and
its incr is a read then a write, so two requests at the same instant count once. Here
every operation is one statement on one row, by its primary key:

- `incr` is `UPDATE … SET value = value + n … RETURNING value`: the database serialises
  concurrent increments of a row, none is lost;
- `add` is `INSERT … ON CONFLICT DO UPDATE … WHERE <the row has expired>`: it creates
  the key or takes over an expired one, never resets a live count;
- expired rows are deleted through the index on `expires` (`DELETE … WHERE expires <
  now`), at most once a minute per process, from `add`: only the rows of past windows
  are touched, the live ones are neither counted nor read.

The table has the layout of Django's cache tables, so `manage.py createcachetable`
creates it (and Django's test database gets it too). Every process that uses the
database shares it, whatever the number of workers or servers. Values are integers
only. The SQL (upsert and RETURNING) runs on PostgreSQL and on SQLite 3.35 or later."""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connections, router

CULL_EVERY_SECONDS = 60
NEVER = 10 * 365 * 24 * 3600  # « no expiry »: ten years

# When each table was last culled in this process.
_culled_at: dict[str, float] = {}


def now() -> float:
    """The backend's clock (tests move it instead of sleeping)."""
    return time.time()


class CounterCache(BaseDatabaseCache):
    def _connection(self, write: bool):
        route = router.db_for_write if write else router.db_for_read
        return connections[route(self.cache_model_class)]

    def _expiry(self, connection, timeout, at: float):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        seconds = NEVER if timeout is None else timeout
        return self._moment(connection, at + seconds)

    @staticmethod
    def _moment(connection, at: float):
        moment = datetime.fromtimestamp(at, tz=UTC)
        if not settings.USE_TZ:
            moment = moment.replace(tzinfo=None)
        return connection.ops.adapt_datetimefield_value(moment)

    def _run(self, sql: str, params, *, write: bool = True, fetch: bool = False):
        connection = self._connection(write)
        table = connection.ops.quote_name(self._table)
        with connection.cursor() as cursor:
            cursor.execute(sql.format(table=table), params)
            return cursor.fetchone() if fetch else cursor.rowcount

    @staticmethod
    def _integer(value) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"The counter cache holds integers only, not {type(value)}.")
        return str(value)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        at = now()
        connection = self._connection(write=True)
        self._cull(at)
        changed = self._run(
            "INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
            "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, "
            "expires = excluded.expires WHERE {table}.expires <= %s",
            [
                key,
                self._integer(value),
                self._expiry(connection, timeout, at),
                self._moment(connection, at),
            ],
        )
        return changed > 0

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        connection = self._connection(write=True)
        self._run(
            "INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
            "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, "
            "expires = excluded.expires",
            [key, self._integer(value), self._expiry(connection, timeout, now())],
        )

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        connection = self._connection(write=True)
        row = self._run(
            "UPDATE {table} SET value = CAST(CAST(value AS BIGINT) + %s AS TEXT) "
            "WHERE cache_key = %s AND expires > %s RETURNING value",
            [self._integer(delta), key, self._moment(connection, now())],
            fetch=True,
        )
        if row is None:
            raise ValueError(f"Key '{key}' not found.")
        return int(row[0])

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        connection = self._connection(write=False)
        row = self._run(
            "SELECT value FROM {table} WHERE cache_key = %s AND expires > %s",
            [key, self._moment(connection, now())],
            write=False,
            fetch=True,
        )
        return default if row is None else int(row[0])

    def has_key(self, key, version=None) -> bool:
        return self.get(key, version=version) is not None

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        at = now()
        connection = self._connection(write=True)
        changed = self._run(
            "UPDATE {table} SET expires = %s WHERE cache_key = %s AND expires > %s",
            [self._expiry(connection, timeout, at), key, self._moment(connection, at)],
        )
        return changed > 0

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._run("DELETE FROM {table} WHERE cache_key = %s", [key]) > 0

    def clear(self) -> None:
        self._run("DELETE FROM {table}", [])

    def _cull(self, at: float) -> None:
        """Deletes the expired rows, through the expiry index, once a minute at most."""
        if _culled_at.get(self._table, 0.0) > at - CULL_EVERY_SECONDS:
            return
        _culled_at[self._table] = at
        connection = self._connection(write=True)
        self._run("DELETE FROM {table} WHERE expires <= %s", [self._moment(connection, at)])
