"""« Modifier l'événement »: the organizers change an event (the page and the API),
the sessions already held or recorded stay as they were, the calendar feed carries the
new time with a higher SEQUENCE, the registrants are told of a new date or place, and
the capacity never goes below the registrations. Whoever is not an organizer changes
nothing (403 if they see the event, 404 if not)."""

from datetime import timedelta

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from events import ical, services
from events.enums import EventKind, Notice, Presence
from events.models import Attendance, Event
from events.selectors import organization_calendar
from notifications.notices import event_notice
from notifications.services import preferences_set
from tests.events.conftest import at
from tests.factories.organizations import MembershipFactory, OrganizationFactory

TOO_FEW = "2 personnes sont déjà inscrites : le nombre de places ne peut pas être inférieur à 2."


@pytest.fixture
def meeting(team):
    """An information session in ten days, 10:00–12:00, at the town hall."""
    day = timezone.localdate() + timedelta(days=10)
    return services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.INFORMATION,
        title="Réunion d'information",
        starts_at=at(day, 10),
        ends_at=at(day, 12),
        address="Mairie",
        capacity=10,
        for_people=True,
    )


@pytest.fixture
def weekly(team):
    """A drop-in every week, 9:00–12:00, which began four weeks ago and runs four more."""
    first = timezone.localdate() - timedelta(days=27)
    return services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.DROP_IN,
        title="Permanence de la mairie",
        starts_at=at(first, 9),
        ends_at=at(first, 12),
        address="Mairie",
        repeat_weekday=first.weekday(),
        repeat_until=first + timedelta(days=49),
    )


@pytest.fixture
def invited(team, meeting):
    """A structure invited to the event: it sees it, it is not an organizer."""
    organization = OrganizationFactory(name="Structure Invitée")
    member = MembershipFactory(organization=organization).user
    services.invitation_create(event=meeting, user=team.colleague, organization=organization)
    return member


def _form(event, **changes) -> dict:
    local = timezone.localtime(event.starts_at)
    data = {
        "title": event.title,
        "description": event.description,
        "day": local.date().isoformat(),
        "start_time": f"{local:%H:%M}",
        "end_time": f"{timezone.localtime(event.ends_at):%H:%M}",
        "address": event.address,
        "capacity": event.capacity or "",
        "for_people": "on",
    }
    data.update(changes)
    return data


def _feed_event(organization, event):
    feed = ical.calendar(organization_calendar(organization), name="Agenda")
    parsed = icalendar.Calendar.from_ical(feed)
    (found,) = [e for e in parsed.walk("VEVENT") if str(e["UID"]).startswith(f"event-{event.pk}@")]
    return found


def test_the_edit_page_is_prefilled_and_linked_for_organizers_only(client, team, meeting, invited):
    client.force_login(team.colleague)
    url = reverse("event_edit", args=[meeting.pk])
    assert url in client.get(reverse("event_detail", args=[meeting.pk])).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Réunion d&#x27;information"' in page.content.decode()
    assert 'value="Mairie"' in page.content.decode()
    client.force_login(invited)
    assert url not in client.get(reverse("event_detail", args=[meeting.pk])).content.decode()


def test_the_organizer_moves_the_event_and_the_feed_follows(
    client, team, meeting, django_capture_on_commit_callbacks
):
    services.register_self(event=meeting, user=team.admin, organization=team.organization)
    before = _feed_event(team.organization, meeting)
    client.force_login(team.colleague)
    new_day = timezone.localdate() + timedelta(days=12)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("event_edit", args=[meeting.pk]),
            _form(meeting, day=new_day.isoformat(), start_time="14:00", end_time="16:00"),
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == at(new_day, 14)
    assert [s.starts_at for s in meeting.occurrences.all()] == [at(new_day, 14)]
    after = _feed_event(team.organization, meeting)
    assert after.decoded("DTSTART") == at(new_day, 14)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    (sent,) = mail.outbox
    assert sent.to == [team.admin.email] and sent.subject == "Changement : Réunion d'information"
    assert f"{new_day:%d/%m/%Y} à 14 h 00" in sent.body


def test_a_title_change_tells_no_one_but_updates_the_feed(
    client, team, meeting, django_capture_on_commit_callbacks
):
    services.register_self(event=meeting, user=team.admin, organization=team.organization)
    client.force_login(team.colleague)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("event_edit", args=[meeting.pk]), _form(meeting, title="Nouveau titre"))
    assert mail.outbox == []
    assert str(_feed_event(team.organization, meeting)["SUMMARY"]) == "Nouveau titre"
    assert Event.objects.get(pk=meeting.pk).sequence == 1
    kind = ContentType.objects.get_for_model(Event)
    trail = AuditEntry.objects.filter(content_type=kind, object_id=str(meeting.pk))
    assert {"title": ["Réunion d'information", "Nouveau titre"]} in [
        {k: v for k, v in e.changes.items() if k == "title"} for e in trail
    ]


def test_the_change_of_place_respects_the_preferences(
    team, meeting, django_capture_on_commit_callbacks
):
    services.register_self(event=meeting, user=team.admin, organization=team.organization)
    preferences_set(user=team.admin, by_email={event_notice(Notice.CHANGED): False})
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            event=meeting,
            user=team.colleague,
            title=meeting.title,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            address="Salle des fêtes",
            capacity=10,
            for_people=True,
        )
    assert mail.outbox == []
    assert Event.objects.get(pk=meeting.pk).address == "Salle des fêtes"


def test_a_refused_change_keeps_what_was_typed(client, team, meeting):
    client.force_login(team.colleague)
    response = client.post(
        reverse("event_edit", args=[meeting.pk]),
        _form(meeting, title="Titre gardé", start_time="15:00", end_time="14:00"),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Titre gardé" in body and "La fin doit venir après le début." in body
    assert Event.objects.get(pk=meeting.pk).title == "Réunion d'information"


def test_the_capacity_cannot_go_below_the_registrations(client, team, meeting, bearer):
    services.register_self(event=meeting, user=team.admin, organization=team.organization)
    services.register_self(event=meeting, user=team.colleague, organization=team.organization)
    client.force_login(team.colleague)
    page = client.post(
        reverse("event_edit", args=[meeting.pk]), _form(meeting, capacity="1", title="Autre")
    )
    assert page.status_code == 400
    assert TOO_FEW.replace("'", "&#x27;") in page.content.decode()
    api = client.patch(
        f"/api/v1/events/{meeting.pk}",
        {"capacity": 1},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert api.status_code == 400 and api.json()["detail"] == TOO_FEW
    unchanged = Event.objects.get(pk=meeting.pk)
    assert (unchanged.capacity, unchanged.title, unchanged.sequence) == (10, meeting.title, 0)


def test_the_api_changes_the_event_as_the_page_does(client, team, meeting, bearer):
    new_start = meeting.starts_at + timedelta(days=1, hours=1)
    response = client.patch(
        f"/api/v1/events/{meeting.pk}",
        {
            "starts_at": new_start.isoformat(),
            "ends_at": (new_start + timedelta(hours=2)).isoformat(),
            "capacity": None,
            "address": "Salle 2",
        },
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["capacity"] is None and body["place"] == "Salle 2"
    assert body["title"] == "Réunion d'information"
    assert [s.starts_at for s in meeting.occurrences.all()] == [new_start]


@pytest.mark.parametrize(
    "payload",
    [
        {"title": ""},
        {"capacity": 0},
        {"online_url": "pas une adresse"},
        {"recurring": True},
        {"address": "", "commune": None},
        {"commune": "Nulle-Part-Sur-Rien"},
        {"starts_at": "2026-13-01T10:00:00"},
        {"ends_at": "2000-01-01T10:00:00+01:00"},
    ],
)
def test_the_api_refuses_bad_input_with_a_4xx(client, team, meeting, bearer, payload):
    response = client.patch(
        f"/api/v1/events/{meeting.pk}",
        payload,
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code in (400, 422), response.content
    assert Event.objects.get(pk=meeting.pk).sequence == 0


def test_neither_a_guest_nor_a_stranger_changes_the_event(client, team, meeting, invited, bearer):
    url = reverse("event_edit", args=[meeting.pk])
    client.force_login(invited)
    assert client.get(url).status_code == 403
    assert client.post(url, _form(meeting, title="Piraté")).status_code == 403
    api = f"/api/v1/events/{meeting.pk}"
    patch = {"content_type": "application/json"}
    guest = bearer(invited)
    assert client.patch(api, {"title": "Piraté"}, **patch, headers=guest).status_code == 403
    client.force_login(team.stranger)
    assert client.get(url).status_code == 404
    assert client.post(url, _form(meeting, title="Piraté")).status_code == 404
    stranger = bearer(team.stranger)
    assert client.patch(api, {"title": "Piraté"}, **patch, headers=stranger).status_code == 404
    assert Event.objects.get(pk=meeting.pk).title == "Réunion d'information"


def test_a_cancelled_event_is_not_changed(client, team, meeting):
    services.event_cancel(event=meeting, user=team.colleague)
    client.force_login(team.colleague)
    assert client.get(reverse("event_edit", args=[meeting.pk])).status_code == 403


def test_a_drop_in_keeps_its_held_and_recorded_sessions(team, followed, weekly):
    registration = services.register_person(
        event=weekly, person=followed.person, user=team.colleague, organization=team.organization
    )
    sessions = list(weekly.occurrences.all())
    assert len(sessions) == 8
    held, recorded_ahead = sessions[3], sessions[5]
    for session in (held, recorded_ahead):
        services.attendance_mark(
            occurrence=session,
            registration=registration,
            presence=Presence.PRESENT,
            user=team.colleague,
        )
    past = [(s.pk, s.starts_at) for s in sessions[:4]]

    services.event_update(
        event=weekly,
        user=team.colleague,
        title=weekly.title,
        starts_at=weekly.starts_at + timedelta(hours=1),
        ends_at=weekly.ends_at + timedelta(hours=1),
        address="Mairie",
        repeat_weekday=weekly.repeat_weekday,
        repeat_until=weekly.repeat_until,
    )

    after = list(weekly.occurrences.order_by("starts_at"))
    assert [(s.pk, s.starts_at) for s in after[:4]] == past
    assert Attendance.objects.filter(occurrence=held).count() == 1
    assert Attendance.objects.filter(occurrence=recorded_ahead).count() == 1
    ahead = [timezone.localtime(s.starts_at) for s in after[4:]]
    assert len(ahead) == 4
    assert [d.hour for d in ahead] == [10, 9, 10, 10]
    assert after[5].pk == recorded_ahead.pk
    weekly.refresh_from_db()
    assert weekly.starts_at == after[4].starts_at
    feed = _feed_event(team.organization, weekly)
    assert feed.decoded("DTSTART") == after[4].starts_at and int(feed["SEQUENCE"]) == 1


def test_a_one_off_session_with_attendance_keeps_its_date(team, followed, meeting):
    registration = services.register_person(
        event=meeting, person=followed.person, user=team.colleague, organization=team.organization
    )
    services.attendance_mark(
        occurrence=meeting.occurrences.get(),
        registration=registration,
        presence=Presence.PRESENT,
        user=team.colleague,
    )
    with pytest.raises(ValidationError, match="Des présences sont notées"):
        services.event_update(
            event=meeting,
            user=team.colleague,
            title=meeting.title,
            starts_at=meeting.starts_at + timedelta(days=1),
            ends_at=meeting.ends_at + timedelta(days=1),
            address="Mairie",
            capacity=10,
        )
    assert meeting.occurrences.get().starts_at == meeting.starts_at


def test_a_drop_in_moved_to_another_weekday_from_its_page(client, team, weekly):
    cancelled = weekly.occurrences.all()[6]
    services.occurrence_cancel(occurrence=cancelled, user=team.colleague)
    past = list(weekly.occurrences.filter(starts_at__lt=timezone.now()))
    new_first = timezone.localtime(weekly.starts_at).date() + timedelta(days=1)
    client.force_login(team.colleague)
    response = client.post(
        reverse("event_edit", args=[weekly.pk]),
        _form(
            weekly,
            day=new_first.isoformat(),
            repeats="on",
            repeat_interval="1",
            repeat_until=weekly.repeat_until.isoformat(),
        ),
    )
    assert response.status_code == 302
    sessions = list(weekly.occurrences.all())
    assert sessions[: len(past)] == past
    ahead = sessions[len(past) :]
    assert cancelled in ahead
    moved = [s for s in ahead if s != cancelled]
    assert moved and {timezone.localtime(s.starts_at).weekday() for s in moved} == {
        new_first.weekday()
    }
    assert all(s.starts_at > timezone.now() for s in moved)
    weekly.refresh_from_db()
    assert weekly.repeat_weekday == new_first.weekday() and weekly.starts_at == moved[0].starts_at
