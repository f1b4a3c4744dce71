"""The event page, its attendance list and the API list ask the database the same number
of times whatever the number of registrants (no query per row)."""

from itertools import count

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from events.enums import Presence
from persons.services import person_create

_names = count(1)


def _register(team, event, how_many: int) -> None:
    session = event.occurrences.first()
    for _ in range(how_many):
        number = next(_names)
        person = person_create(
            organization=team.organization,
            user=team.colleague,
            data={"first_name": f"Prénom{number}", "last_name": f"Inscrite{number}"},
        )
        registration = services.register_person(
            event=event, person=person, user=team.colleague, organization=team.organization
        )
        services.attendance_mark(
            occurrence=session,
            registration=registration,
            presence=Presence.PRESENT,
            user=team.colleague,
        )
        services.visitor_add(occurrence=session, name=f"Visiteur{number}", user=team.colleague)


def _count(client, url, **extra) -> int:
    client.get(url, **extra)  # the session is read and saved once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def test_the_pages_cost_the_same_with_more_registrants(client, team, drop_in, bearer):
    client.force_login(team.colleague)
    headers = bearer(team.colleague)
    session = drop_in.occurrences.first()
    pages = [
        (reverse("event_detail", args=[drop_in.pk]), {}),
        (reverse("session_attendance", args=[drop_in.pk, session.pk]), {}),
        (reverse("event_list") + "?mois=2026-09", {}),
        (f"/api/v1/events/{drop_in.pk}/registrations", {"headers": headers}),
        (f"/api/v1/events/{drop_in.pk}/attendance", {"headers": headers}),
    ]
    _register(team, drop_in, 2)
    before = [_count(client, url, **extra) for url, extra in pages]
    _register(team, drop_in, 4)
    after = [_count(client, url, **extra) for url, extra in pages]
    assert after == before, (before, after)
