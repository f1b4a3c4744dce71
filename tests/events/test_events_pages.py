"""The event pages, as the organizer and as a counsellor of another structure: the
agenda, creating a recurring drop-in, the attendance list (htmx and without), the
visitor turned into a walk-in, the API and its feed."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from events import services
from events.enums import Presence
from events.models import Attendance, Event
from tests.events.conftest import dating_day


def test_the_organizer_creates_a_recurring_drop_in(client, team):
    client.force_login(team.colleague)
    day = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("event_create"),
        {
            "kind": "drop_in",
            "title": "Permanence du mardi",
            "day": day.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "address": "Mairie",
            "repeats": "on",
            "repeat_interval": "1",
            "repeat_until": (day + timedelta(days=27)).isoformat(),
            "for_people": "on",
        },
    )
    event = Event.objects.get(title="Permanence du mardi")
    assert response.status_code == 302
    assert event.occurrences.count() == 4
    assert client.get(reverse("event_detail", args=[event.pk])).status_code == 200
    assert client.get(reverse("event_list")).status_code == 200
    territory = reverse("event_list") + "?perimetre=territoire&type=drop_in"
    assert client.get(territory).status_code == 200


def test_a_form_in_error_keeps_what_was_typed(client, team):
    client.force_login(team.colleague)
    response = client.post(reverse("event_create"), {"title": "Gardé", "kind": "drop_in"})
    assert response.status_code == 400
    assert "Gardé" in response.content.decode()


def test_attendance_one_tap_and_walk_in(client, team, followed, drop_in):
    client.force_login(team.colleague)
    registration = services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    session = drop_in.occurrences.first()
    url = reverse("session_attendance", args=[drop_in.pk, session.pk])
    page = client.get(url)
    assert page.status_code == 200 and str(followed.person) in page.content.decode()
    mark = reverse("session_mark", args=[drop_in.pk, session.pk, registration.pk])
    row = client.post(mark, {"presence": Presence.PRESENT}, headers={"HX-Request": "true"})
    assert row.status_code == 200 and "Présent·e" in row.content.decode()
    assert client.post(mark, {"presence": Presence.ABSENT}).status_code == 302
    assert Attendance.objects.get(registration=registration).presence == Presence.ABSENT
    assert client.post(url, {"name": "Karim"}).status_code == 302
    visitor = Attendance.objects.get(visitor_name="Karim")
    walk_in = client.get(reverse("walk_in") + f"?presence={visitor.pk}")
    assert 'value="Karim"' in walk_in.content.decode()


def test_another_structure_sees_neither_the_list_nor_the_people(client, team, followed, drop_in):
    services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    services.invitation_create(event=drop_in, user=team.colleague, organization=team.other)
    client.force_login(team.stranger)
    page = client.get(reverse("event_detail", args=[drop_in.pk]))
    assert page.status_code == 200
    assert followed.person.last_name not in page.content.decode()
    session = drop_in.occurrences.first()
    attendance = reverse("session_attendance", args=[drop_in.pk, session.pk])
    assert client.get(attendance).status_code == 403


def test_the_api_lists_and_feeds(client, team, events, bearer):
    headers = bearer(team.colleague)
    day = dating_day()
    query = f"from={day.replace(day=1)}&to={day + timedelta(days=31)}&kind=job_dating"
    listed = client.get(f"/api/v1/events?{query}", headers=headers)
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [i["title"] for i in items] == ["Job dating boulangerie"]
    assert items[0]["organizers"] == [{"id": team.organization.pk, "name": team.organization.name}]
    feed = client.get(f"/api/v1/organizations/{team.organization.pk}/calendar.ics", headers=headers)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in feed.content.decode()
    other = client.get(f"/api/v1/organizations/{team.other.pk}/calendar.ics", headers=headers)
    assert other.status_code == 404
    assert client.get("/api/v1/events/calendar.ics", headers=headers).status_code == 200
    link = services.calendar_link(user=team.colleague, organization=team.organization)
    public = client.get(reverse("calendar_feed", args=[link.key]))
    assert public.status_code == 200 and "Job dating boulangerie" in public.content.decode()


def test_cancelling_asks_first_and_keeps_the_reason(client, team, dating):
    client.force_login(team.colleague)
    url = reverse("event_cancel", args=[dating.pk])
    asked = client.get(url)
    assert asked.status_code == 200 and "Cette action est définitive" in asked.content.decode()
    client.post(url)  # a stray POST changes nothing
    dating.refresh_from_db()
    assert not dating.is_cancelled
    client.post(url, {"confirmation": "oui", "reason": "Salle indisponible"})
    dating.refresh_from_db()
    assert dating.is_cancelled and dating.cancel_reason == "Salle indisponible"
    page = client.get(reverse("event_detail", args=[dating.pk])).content.decode()
    assert "Salle indisponible" in page


def test_an_introduction_of_a_registered_person_is_traced_back(client, team, followed, dating):
    from offers.enums import OfferState
    from offers.services import introduction_create
    from tests.offers.helpers import employer_account, offer

    services.register_person(
        event=dating, person=followed.person, user=team.colleague, organization=team.organization
    )
    _, _, bakery = employer_account()
    published = offer(
        team.organization, team.colleague, employer=bakery, state=OfferState.PUBLISHED
    )
    introduction = introduction_create(
        offer=published, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(team.colleague)
    page = client.get(reverse("event_detail", args=[dating.pk])).content.decode()
    assert f"introduction-{introduction.pk}" in page
    client.post(
        reverse("event_outcome_link", args=[dating.pk]),
        {"suite": f"introduction-{introduction.pk}"},
    )
    assert dating.outcomes.get().introduction == introduction
    page = client.get(reverse("event_detail", args=[dating.pk])).content.decode()
    assert "Mise en relation avec" in page


def test_an_invited_structure_finds_the_event_in_its_agenda(client, team, dating):
    services.invitation_create(event=dating, user=team.colleague, organization=team.other)
    client.force_login(team.stranger)
    page = client.get(reverse("event_list") + f"?mois={dating_day():%Y-%m}").content.decode()
    assert "Job dating boulangerie" in page


def test_once_registered_the_page_says_so_instead_of_offering_to_register_again(
    client, team, dating
):
    client.force_login(team.colleague)
    url = reverse("event_detail", args=[dating.pk])
    assert "M'inscrire</button>" in client.get(url).content.decode()
    services.register_self(event=dating, user=team.colleague, organization=team.organization)
    page = client.get(url).content.decode()
    assert "Vous êtes inscrit·e à cet événement." in page
    assert "M'inscrire</button>" not in page


def test_the_registration_list_offers_only_the_people_not_registered_yet(
    client, team, followed, dating
):
    client.force_login(team.colleague)
    url = reverse("event_detail", args=[dating.pk])
    option = f'<option value="{followed.person.pk}">'
    assert option in client.get(url).content.decode()
    services.register_person(
        event=dating, person=followed.person, user=team.colleague, organization=team.organization
    )
    assert option not in client.get(url).content.decode()
