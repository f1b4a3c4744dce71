"""A visitor of a drop-in session welcomed through the walk-in page: the page leads back
to that session's attendance list, and once the record is opened it returns there. The
way back is built from the presence the user organizes: a forged value gives none."""

from urllib.parse import quote

from django.urls import reverse

from events import services
from events.models import Attendance
from persons.models import Person

BACK = "Retour à la liste de présence"


def _visitor(drop_in, team, name="Karim"):
    session = drop_in.occurrences.order_by("starts_at")[1]
    services.visitor_add(occurrence=session, name=name, user=team.colleague)
    return session, Attendance.objects.get(occurrence=session, visitor_name=name)


def test_the_walk_in_page_leads_back_to_the_session_s_attendance_list(client, team, drop_in):
    session, visitor = _visitor(drop_in, team)
    client.force_login(team.colleague)
    body = client.get(reverse("walk_in") + f"?presence={visitor.pk}").content.decode()
    attendance = reverse("session_attendance", args=[drop_in.pk, session.pk])
    assert BACK in body
    assert f'href="{attendance}"' in body


def test_once_welcomed_the_organizer_is_back_on_the_attendance_list(client, team, drop_in):
    session, visitor = _visitor(drop_in, team)
    client.force_login(team.colleague)
    response = client.post(
        reverse("walk_in") + f"?presence={visitor.pk}",
        {
            "first_name": "Karim",
            "last_name": "Benali",
            "birth_date": "1981-03-12",
            "looking_for": "Cariste",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("session_attendance", args=[drop_in.pk, session.pk])
    visitor.refresh_from_db()
    assert visitor.person == Person.objects.get(last_name="Benali")
    # The list names the visitor now, and still offers the way back from the page.
    again = client.get(reverse("walk_in") + f"?presence={visitor.pk}").content.decode()
    assert BACK in again
    assert 'value="Karim"' not in again  # nothing left to prefill


def test_a_forged_or_foreign_value_gives_no_way_back(client, team, drop_in):
    _, visitor = _visitor(drop_in, team)
    client.force_login(team.stranger)  # not an organizer of the drop-in
    foreign = client.get(reverse("walk_in") + f"?presence={visitor.pk}").content.decode()
    assert BACK not in foreign
    client.force_login(team.colleague)
    for value in ("https://exemple.invalid/", quote("//exemple.invalid"), "0", f"{visitor.pk}x"):
        body = client.get(reverse("walk_in") + f"?presence={value}&next={value}")
        assert BACK not in body.content.decode(), value
        assert 'href="https://exemple.invalid' not in body.content.decode()
        assert 'href="//exemple.invalid' not in body.content.decode()
    # A walk-in without a session goes to the new record, as before, whatever `next` says.
    response = client.post(
        reverse("walk_in") + "?next=https://exemple.invalid/",
        {"first_name": "Lina", "last_name": "Sansseance", "looking_for": "x", "consent": "on"},
    )
    person = Person.objects.get(last_name="Sansseance")
    assert response["Location"] == reverse("person_detail", args=[person.pk])
