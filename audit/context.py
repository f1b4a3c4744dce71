"""Who is acting right now. The web middleware sets it for each request; commands and
tasks set it with `acting_as(...)`; without either, changes are recorded as « système ».

Write services that check their actor take either a user or `SYSTEM`: the platform
acting on its own (a periodic task, a command, a loader) with no user behind it says so
explicitly. `None` is not a way to skip the check: a service given `None` refuses, so an
entry point that forgot to pass its user cannot write. A write whose record names its
author (a note, an objective, a barrier noted, a referral sent) needs a user: the
system is refused there too (`persons.access.require_person_level(authored=True)`)."""

from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar = ContextVar("audit_actor", default=None)


class _System:
    """The platform itself, as the actor of a write service."""

    is_authenticated = False

    def __str__(self) -> str:
        return "Système"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def user_of(actor):
    """The user to record as having made a change: none when the system acts."""
    return None if actor is SYSTEM else actor


def current_actor():
    return _actor.get()


def act_for_this_request(user) -> None:
    """Name the actor once the request's user is known only inside the view: an API call
    authenticates its token after `AuditActorMiddleware` has run. The middleware's
    `acting_as` still restores what was there before, when the request ends."""
    _actor.set(user)


@contextmanager
def acting_as(user):
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)
