"""Scoped reads of events: the list and its filters, the sessions of a period (the
calendar pages), the feeds' events. Every read starts from `Event.objects.visible_to`
or from the organizations the user belongs to."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from events.enums import EventState
from events.models import Event, Occurrence, organization_ids_of


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events_for(user, *, start: date | None = None, end: date | None = None, kind: str = ""):
    """The events the user sees with at least one session in [start, end] (days,
    included), soonest first, with their organizers."""
    rows = Event.objects.visible_to(user)
    if kind:
        rows = rows.filter(kind=kind)
    sessions = Occurrence.objects.all()
    if start:
        sessions = sessions.filter(ends_at__gte=_day_start(start))
    if end:
        sessions = sessions.filter(starts_at__lt=_day_start(end + timedelta(days=1)))
    if start or end:
        rows = rows.filter(pk__in=sessions.values("event_id"))
    return rows.select_related("organization", "commune").prefetch_related("organizers")


def sessions_for(events, *, start: date, end: date):
    """The sessions of `events` between two days (included), in order."""
    return (
        Occurrence.objects.filter(
            event__in=events,
            starts_at__gte=_day_start(start),
            starts_at__lt=_day_start(end + timedelta(days=1)),
        )
        .select_related("event", "event__commune", "event__organization")
        .order_by("starts_at", "id")
    )


def organization_calendar(organization):
    """What an organization's feed carries: the events it organises or is invited to."""
    return (
        Event.objects.filter(
            Q(organizers=organization)
            | Q(invitations__organization=organization)
            | Q(invitations__company__organization=organization)
        )
        .distinct()
        .prefetch_related(
            "organizers", Prefetch("occurrences", queryset=Occurrence.objects.order_by("starts_at"))
        )
        .select_related("commune")
        .order_by("starts_at", "id")
    )


def user_calendar(user):
    """A user's feed: the events of their organizations and those they registered to."""
    ids = organization_ids_of(user)
    return (
        Event.objects.filter(
            Q(organizers__in=ids)
            | Q(invitations__organization_id__in=ids)
            | Q(invitations__company__organization_id__in=ids)
            | Q(registrations__user=user, registrations__cancelled_at__isnull=True)
        )
        .distinct()
        .prefetch_related(
            "organizers", Prefetch("occurrences", queryset=Occurrence.objects.order_by("starts_at"))
        )
        .select_related("commune")
        .order_by("starts_at", "id")
    )


def with_counts(events):
    return events.annotate(
        registered=Count(
            "registrations", filter=Q(registrations__cancelled_at__isnull=True), distinct=True
        )
    )


def _today_start() -> datetime:
    return _day_start(timezone.localdate())


def upcoming_sessions(event, *, limit: int = 12) -> list[Occurrence]:
    """The sessions of today (in progress, to come, or already over: the attendance list
    is still kept the same day) and those to come, soonest first; each says whether it
    is today's (`is_today`) and whether it has begun (`started`: too late to cancel it).
    Disjoint from `past_sessions`."""
    now = timezone.now()
    today = timezone.localdate(now)
    sessions = list(
        event.occurrences.filter(ends_at__gte=_today_start()).order_by("starts_at")[:limit]
    )
    for session in sessions:
        session.is_today = timezone.localdate(session.starts_at) <= today
        session.started = session.starts_at <= now
    return sessions


def past_sessions(event):
    """The sessions that ended before today, latest first, with their presence count."""
    return (
        event.occurrences.filter(ends_at__lt=_today_start())
        .annotate(
            present=Count("attendance", filter=Q(attendance__presence="present"), distinct=True)
        )
        .order_by("-starts_at")
    )


def open_to_all(*, now: datetime | None = None):
    """The events anyone may register to online (the public page), while a session is
    still to come: a recurring drop-in stays until its last session not cancelled, not
    only until its first. Soonest next session first, with its `next_starts_at` and
    `next_ends_at`; a cancelled event is never there."""
    return (
        Event.objects.open_to_public()
        .with_next_session(now or timezone.now())
        .filter(next_starts_at__isnull=False)
        .select_related("commune")
        .prefetch_related("organizers")
        .order_by("next_starts_at", "id")
    )


def scheduled(events):
    return events.filter(state=EventState.SCHEDULED)
