"""The sessions of a drop-in on its page: today's session (in progress, or already over
earlier in the day) is in the list to come, marked « Aujourd'hui », with its attendance
list; the past sessions are those that ended before today. No session is in both."""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from events import selectors, services
from events.enums import EventKind
from events.models import Occurrence


def _sessions(team):
    """A drop-in with sessions built around now: one that ended yesterday evening, one
    in progress today, one tomorrow."""
    now = timezone.now()
    today = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    tomorrow = today + timedelta(days=1, hours=9)
    event = services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.DROP_IN,
        title="Permanence de tous les jours",
        starts_at=tomorrow,
        ends_at=tomorrow + timedelta(hours=3),
        address="Mairie",
    )
    event.occurrences.all().delete()
    yesterday = Occurrence.objects.create(
        event=event, starts_at=today - timedelta(hours=4), ends_at=today - timedelta(hours=1)
    )
    current = Occurrence.objects.create(
        event=event,
        starts_at=max(now - timedelta(hours=1), today),
        ends_at=now + timedelta(hours=2),
    )
    coming = Occurrence.objects.create(
        event=event, starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=3)
    )
    return event, yesterday, current, coming


def test_today_session_is_to_come_and_yesterday_is_past_never_both(team):
    event, yesterday, current, coming = _sessions(team)
    upcoming = selectors.upcoming_sessions(event)
    past = list(selectors.past_sessions(event))
    assert [s.pk for s in upcoming] == [current.pk, coming.pk]
    assert [s.pk for s in past] == [yesterday.pk]
    assert [s.is_today for s in upcoming] == [True, False]
    assert [s.started for s in upcoming] == [True, False]


def test_the_page_lists_each_session_once_today_s_with_its_attendance_list(client, team):
    event, yesterday, current, coming = _sessions(team)
    client.force_login(team.colleague)
    body = client.get(reverse("event_detail", args=[event.pk])).content.decode()
    for session in (yesterday, current, coming):
        attendance = reverse("session_attendance", args=[event.pk, session.pk])
        assert body.count(f'href="{attendance}"') == 1, session
    assert body.count("Aujourd'hui</span>") == 1
    upcoming, past = body.split("Séances passées")
    assert reverse("session_attendance", args=[event.pk, current.pk]) in upcoming
    assert reverse("session_attendance", args=[event.pk, yesterday.pk]) in past
