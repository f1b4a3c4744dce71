"""Who is acting right now. The web middleware sets it for each request; commands and
tasks set it with `acting_as(...)`; without either, changes are recorded as « système »."""

from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar = ContextVar("audit_actor", default=None)


def current_actor():
    return _actor.get()


@contextmanager
def acting_as(user):
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)
