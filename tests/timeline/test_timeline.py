from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from persons.levels import Level
from plans import services
from plans.enums import NoteVisibility
from timeline.models import EventKind, TimelineEvent
from timeline.selectors import cursor_of, parse_cursor, person_timeline
from timeline.services import record_event

pytestmark = pytest.mark.django_db


def _many_events(person, organization, count):
    start = timezone.now() - timedelta(days=1)
    for i in range(count):
        record_event(
            person=person,
            kind=EventKind.ACTION,
            title=f"Événement {i}",
            organization=organization,
            occurred_at=start + timedelta(minutes=i),
        )


def test_it_walks_the_timeline_by_keyset_newest_first(team, followed):
    _many_events(followed.person, team.organization, 30)
    first = person_timeline(
        team.colleague, followed.person, Level.TEAM, kinds=[EventKind.ACTION], limit=25
    )
    assert [e.title for e in first[:2]] == ["Événement 29", "Événement 28"]
    rest = person_timeline(
        team.colleague,
        followed.person,
        Level.TEAM,
        kinds=[EventKind.ACTION],
        before=parse_cursor(cursor_of(first[-1])),
    )
    assert [e.title for e in rest] == [f"Événement {i}" for i in range(4, -1, -1)]


def test_events_at_the_same_instant_are_neither_lost_nor_repeated(team, followed):
    at = timezone.now()
    for i in range(5):
        record_event(
            person=followed.person, kind=EventKind.NOTE, title=f"même instant {i}", occurred_at=at
        )
    seen, before = [], None
    while True:
        page = person_timeline(
            team.colleague,
            followed.person,
            Level.TEAM,
            kinds=[EventKind.NOTE],
            before=before,
            limit=2,
        )
        if not page:
            break
        seen += [e.pk for e in page]
        before = parse_cursor(cursor_of(page[-1]))
    assert len(seen) == len(set(seen)) == 5


def test_the_prescriber_sees_milestones_and_not_private_notes(client, team, followed):
    services.note_create(
        person=followed.person,
        text="Note privée du chantier",
        visibility=NoteVisibility.ORGANIZATION,
        author=team.colleague,
        organization=team.organization,
    )
    url = reverse("person_timeline", kwargs={"person_pk": followed.person.pk})
    client.force_login(team.colleague)
    body = client.get(url).content.decode()
    assert "Note privée du chantier" in body and "Entrée : " in body
    client.force_login(followed.prescriber_user)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Entrée : " in body
    assert "Note privée du chantier" not in body and "Note privée de" not in body
    client.force_login(team.stranger)
    assert client.get(url).status_code == 404


def test_the_page_filters_by_kind_and_offers_older_events(
    client, team, followed, django_assert_max_num_queries
):
    _many_events(followed.person, team.organization, 30)
    url = reverse("person_timeline", kwargs={"person_pk": followed.person.pk})
    client.force_login(team.colleague)
    with django_assert_max_num_queries(12):
        response = client.get(url, {"type": "action"})
    body = response.content.decode()
    assert "Événement 29" in body and "Événement 4" not in body and "Entrée : " not in body
    assert "Plus anciens" in body
    older = response.context["older_cursor"]
    # « Voir plus » appends the older events in place (htmx), keeping the filter.
    assert (
        f'hx-get="?type=action&amp;avant={older}" hx-target="#liste-chronologie" '
        'hx-swap="beforeend"' in body
    )
    body = client.get(url, {"type": "action", "avant": older}).content.decode()
    assert "Événement 4" in body and "Événement 5" not in body.replace("Événement 4", "")


def test_a_broken_cursor_starts_from_the_newest(client, team, followed):
    client.force_login(team.colleague)
    url = reverse("person_timeline", kwargs={"person_pk": followed.person.pk})
    assert client.get(url, {"avant": "n'importe quoi"}).status_code == 200
    assert TimelineEvent.objects.filter(person=followed.person).exists()
