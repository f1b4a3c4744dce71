from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from events import services
from events.enums import EventKind, Weekday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def dating_day() -> date:
    """The job dating of the tests is always a week and a day ahead: one on a fixed date
    would close its registrations once the date passed, and the tests with it."""
    return timezone.localdate() + timedelta(days=8)


@pytest.fixture
def drop_in(team):
    """Every Tuesday morning at the town hall, from 1 Sept to 15 Dec 2026."""
    return services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.DROP_IN,
        title="Permanence emploi, mairie",
        starts_at=at(date(2026, 9, 1), 9),
        ends_at=at(date(2026, 9, 1), 12),
        address="Place de la mairie",
        for_people=True,
        repeat_weekday=Weekday.TUESDAY,
        repeat_until=date(2026, 12, 15),
    )


@pytest.fixture
def dating(team):
    return services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.JOB_DATING,
        title="Job dating boulangerie",
        starts_at=at(dating_day(), 14),
        ends_at=at(dating_day(), 17),
        capacity=2,
        for_people=True,
        for_employers=True,
    )


@pytest.fixture
def events(drop_in, dating):
    return SimpleNamespace(drop_in=drop_in, dating=dating)
