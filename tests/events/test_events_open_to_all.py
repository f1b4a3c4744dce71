"""The events open to all on the public page (`/evenements/`): a recurring drop-in stays
listed while a session is still to come, shown with its next session, not only until its
first session ends; a cancelled session is skipped, a cancelled event is never listed.
Dates are set relative to now, so that the tests hold whatever the day they run."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone

from events import services
from events.enums import EventKind
from tests.events.conftest import at


@pytest.fixture(autouse=True)
def fresh_rate_limits(at_a_window_start):
    cache.clear()
    yield
    cache.clear()


def _day_text(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "l j F Y")


@pytest.fixture
def open_drop_in(team):
    """Weekly, 9:00–12:00: three sessions past (the first twenty days ago), the next
    tomorrow, and two more. Its `ends_at` is its first session's end, long gone."""
    first = timezone.localdate() - timedelta(days=20)
    return services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.DROP_IN,
        title="Permanence ouverte à tous",
        starts_at=at(first, 9),
        ends_at=at(first, 12),
        address="Place de la mairie",
        for_people=True,
        is_public=True,
        repeat_weekday=first.weekday(),
        repeat_until=first + timedelta(weeks=5),
    )


def test_an_open_drop_in_stays_listed_with_its_next_session(client, open_drop_in):
    assert open_drop_in.ends_at < timezone.now()
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = client.get(reverse("public_event_list")).content.decode()
    assert "Permanence ouverte à tous" in page
    assert f"prochaine séance le {_day_text(at(tomorrow, 9))}, 09h00" in page
    detail = client.get(reverse("public_event", args=[open_drop_in.pk]))
    assert detail.status_code == 200
    assert f"prochaine séance le {_day_text(at(tomorrow, 9))}" in detail.content.decode()
    assert "L'inscription vaut pour la permanence" in detail.content.decode()


def test_a_cancelled_session_gives_way_to_the_following_one(client, team, open_drop_in):
    tomorrow = timezone.localdate() + timedelta(days=1)
    session = open_drop_in.occurrences.get(starts_at=at(tomorrow, 9))
    services.occurrence_cancel(occurrence=session, user=team.colleague)
    page = client.get(reverse("public_event_list")).content.decode()
    following = at(tomorrow + timedelta(weeks=1), 9)
    assert f"prochaine séance le {_day_text(following)}" in page
    assert _day_text(at(tomorrow, 9)) not in page


def test_a_drop_in_leaves_the_list_after_its_last_session(client, team):
    first = timezone.localdate() - timedelta(days=30)
    services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.DROP_IN,
        title="Permanence terminée",
        starts_at=at(first, 9),
        ends_at=at(first, 12),
        is_public=True,
        repeat_weekday=first.weekday(),
        repeat_until=first + timedelta(weeks=2),
    )
    assert "Permanence terminée" not in client.get(reverse("public_event_list")).content.decode()


def test_a_cancelled_event_is_never_listed(client, team, open_drop_in):
    services.event_cancel(event=open_drop_in, user=team.colleague, reason="Travaux")
    page = client.get(reverse("public_event_list")).content.decode()
    assert "Permanence ouverte à tous" not in page
    assert client.get(reverse("public_event", args=[open_drop_in.pk])).status_code == 404


def test_a_one_off_event_is_listed_until_it_ends(client, team):
    now = timezone.now()
    ongoing = services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.INFORMATION,
        title="Réunion en cours",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        is_public=True,
    )
    services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.INFORMATION,
        title="Réunion passée",
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=2),
        is_public=True,
    )
    page = client.get(reverse("public_event_list")).content.decode()
    assert "Réunion en cours" in page and "Réunion passée" not in page
    assert f"le {_day_text(ongoing.starts_at)}" in page


def _links_to_the_events(page) -> int:
    return page.content.decode().count(f'href="{reverse("public_event_list")}"')


def test_a_visitor_finds_the_events_from_the_public_pages(client, db):
    assert _links_to_the_events(client.get(reverse("account_login"))) >= 1
    # The offers board names them in its text, besides the header and the footer.
    assert _links_to_the_events(client.get(reverse("public_offer_list"))) == 3
    assert _links_to_the_events(client.get(reverse("legal_notice"))) >= 1


def test_the_agenda_leads_to_the_events_open_to_all(client, team):
    client.force_login(team.colleague)
    assert _links_to_the_events(client.get(reverse("event_list"))) >= 1
