"""Reads of the timeline. One person's events, newest first, by keyset: the query walks
the (person, -occurred_at, -id) index — or (person, kind, …) when filtered by kind —
and stops after `limit` rows, so it costs the same on page 1 and page 1000 and does
not depend on the size of the table."""

from datetime import UTC, datetime, timedelta

from django.db.models import Q

from access.policy import active_memberships
from timeline.models import EventKind, TimelineEvent

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def person_timeline(
    user, person, level, *, kinds=None, before: tuple | None = None, limit: int = 25
) -> list[TimelineEvent]:
    """Up to `limit` events of `person` visible at `level`, older than the cursor
    `before` = (occurred_at, id) if given."""
    organization_ids = [m.organization_id for m in active_memberships(user)]
    events = TimelineEvent.objects.filter(person=person).for_level(level, organization_ids)
    kinds = [kind for kind in (kinds or []) if kind in EventKind.values]
    if kinds:
        events = events.filter(kind__in=kinds)
    if before is not None:
        at, pk = before
        events = events.filter(Q(occurred_at__lt=at) | Q(occurred_at=at, id__lt=pk))
    return list(
        events.select_related("actor", "organization").order_by("-occurred_at", "-id")[:limit]
    )


def cursor_of(event: TimelineEvent) -> str:
    """A URL-safe cursor pointing just after `event`."""
    return f"{(event.occurred_at - EPOCH) // timedelta(microseconds=1)}_{event.pk}"


def parse_cursor(value: str | None) -> tuple | None:
    try:
        micros, pk = (value or "").split("_")
        return EPOCH + timedelta(microseconds=int(micros)), int(pk)
    except ValueError:
        return None
