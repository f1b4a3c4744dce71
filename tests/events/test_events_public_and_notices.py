"""The public page of an open event (rate-limited, spam-protected, a form sent twice
writes once), the API's view of the registrants, the reminders the day before and the
cancellation notices, which respect the notification preferences and lead each
recipient to a page they may open."""

import html
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from events import services
from events.enums import EventKind, Notice
from events.forms import PUBLIC_FORM_PURPOSE
from events.models import Registration
from events.tasks import reminders_run, send_change_notice
from lib import form_tokens, rate_limit
from notifications.notices import event_notice
from notifications.services import preferences_set
from tests.events.conftest import at


@pytest.fixture(autouse=True)
def fresh_rate_limits(at_a_window_start):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_event(dating):
    dating.is_public = True
    dating.capacity = 50
    dating.save()
    return dating


def _started(seconds_ago: float = 10) -> str:
    return form_tokens.issue(PUBLIC_FORM_PURPOSE, at=rate_limit.now() - seconds_ago)


def _register(client, event, **extra):
    data = {"name": "Léa Martin", "email": "lea@exemple.fr", "phone": "", "website": ""}
    data["started"] = _started()
    data.update(extra)
    return client.post(f"/evenements/{event.pk}/", data)


def test_an_open_event_takes_registrations_from_its_public_page(client, open_event):
    assert "Job dating boulangerie" in client.get("/evenements/").content.decode()
    response = _register(client, open_event)
    assert response.status_code == 302
    assert Registration.objects.get(event=open_event).name == "Léa Martin"


def test_a_robot_is_thanked_and_nothing_is_written(client, open_event):
    assert _register(client, open_event, website="http://spam.example").status_code == 302
    assert _register(client, open_event, started=_started(seconds_ago=1)).status_code == 400
    assert not Registration.objects.exists()


def test_the_same_form_sent_twice_writes_once(client, open_event):
    token = _started()
    first, second = (_register(client, open_event, started=token) for _ in range(2))
    assert first.status_code == 302 and second.status_code == 400
    assert Registration.objects.count() == 1


def test_the_submissions_are_rate_limited(client, open_event):
    statuses = [_register(client, open_event, name=f"Léa {n}").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]


def test_a_visitor_held_back_is_led_back_to_the_events_not_to_the_referral_form(client, open_event):
    for n in range(5):
        _register(client, open_event, name=f"Léa {n}")
    page = _register(client, open_event, name="Léa 5").content.decode()
    assert 'href="/evenements/"' in page
    assert "Retour à la recherche" not in page


def test_the_organizers_see_how_to_reach_a_visitor_who_registered_online(client, team, open_event):
    _register(client, open_event, phone="06 12 34 56 78")
    client.force_login(team.colleague)
    page = client.get(f"/agenda/{open_event.pk}/").content.decode()
    assert "Léa Martin" in page
    assert 'href="mailto:lea@exemple.fr"' in page
    assert "06 12 34 56 78" in page


def test_a_closed_event_has_no_public_page(client, dating):
    assert client.get(f"/evenements/{dating.pk}/").status_code == 404


def test_the_api_names_only_the_people_one_follows(client, team, followed, dating, bearer):
    services.register_person(
        event=dating, person=followed.person, user=team.colleague, organization=team.organization
    )
    services.invitation_create(event=dating, user=team.colleague, organization=team.other)
    services.register_self(event=dating, user=team.stranger, organization=team.other)
    own = client.get(
        f"/api/v1/events/{dating.pk}/registrations", headers=bearer(team.colleague)
    ).json()
    assert str(followed.person) in {i["label"] for i in own["items"]}
    invited = client.get(
        f"/api/v1/events/{dating.pk}/registrations", headers=bearer(team.stranger)
    ).json()
    assert [i["kind"] for i in invited["items"]] == ["professional"]
    assert followed.person.last_name not in str(invited)
    refused = client.get(f"/api/v1/events/{dating.pk}/attendance", headers=bearer(team.stranger))
    assert refused.status_code == 403


def test_the_reminder_goes_the_day_before_once(team, django_capture_on_commit_callbacks):
    event = services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.INFORMATION,
        title="Réunion d'information",
        starts_at=at(team.organization.created_at.date(), 10) + timedelta(days=400),
        ends_at=at(team.organization.created_at.date(), 12) + timedelta(days=400),
        address="Mairie",
    )
    services.register_self(event=event, user=team.admin, organization=team.organization)
    the_day_before = event.starts_at - timedelta(days=1)
    assert reminders_run(now=the_day_before) == {"reminders": 1}
    assert reminders_run(now=the_day_before) == {"reminders": 0}
    assert [m.subject for m in mail.outbox] == ["Demain : Réunion d'information"]


def test_a_cancelled_session_is_told_unless_turned_off(
    team, followed, drop_in, django_capture_on_commit_callbacks
):
    services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    preferences_set(user=team.admin, by_email={event_notice(Notice.CANCELLED): False})
    session = drop_in.occurrences.all()[3]
    with django_capture_on_commit_callbacks(execute=True):
        services.occurrence_cancel(occurrence=session, user=team.colleague)
    (sent,) = mail.outbox
    assert sent.to == [team.colleague.email]
    assert "La séance du" in sent.body


def _links_by_recipient() -> dict[str, list[str]]:
    return {message.to[0]: re.findall(r"https?://\S+", message.body) for message in mail.outbox}


def test_each_event_email_leads_its_recipient_to_a_page_they_may_open(
    client, team, open_event, django_capture_on_commit_callbacks
):
    # A professional of another structure registered themself on the public event; a
    # visitor of the public page left an email.
    other = team.stranger.memberships.get().organization
    services.register_self(event=open_event, user=team.stranger, organization=other)
    services.register_public(event=open_event, name="Léa Martin", email="lea@exemple.fr")
    mail.outbox.clear()
    send_change_notice.call(event_id=open_event.pk)
    links = _links_by_recipient()
    site = settings.SITE_URL
    assert links == {
        team.stranger.email: [f"{site}/agenda/{open_event.pk}/"],
        "lea@exemple.fr": [f"{site}/evenements/{open_event.pk}/"],
    }
    client.force_login(team.stranger)
    assert "Job dating boulangerie" in client.get(f"/agenda/{open_event.pk}/").content.decode()
    client.logout()
    public = client.get(f"/evenements/{open_event.pk}/")
    assert public.status_code == 200 and "Job dating boulangerie" in public.content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=open_event, user=team.colleague, reason="Salle indisponible")
    links = _links_by_recipient()
    # The public page closes with the event: the visitor's email says it all.
    assert links == {team.stranger.email: [f"{site}/agenda/{open_event.pk}/"], "lea@exemple.fr": []}
    assert all("Motif : Salle indisponible" in m.body for m in mail.outbox)
    # The structure that registered someone still opens the event, cancelled.
    client.force_login(team.stranger)
    page = html.unescape(client.get(f"/agenda/{open_event.pk}/").content.decode())
    assert "Annulé" in page and "Motif de l'annulation : Salle indisponible" in page
