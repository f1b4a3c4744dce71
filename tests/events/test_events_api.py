"""Writing to events through the API, as the event's page and the phone attendance list
do: registering a followed person or one's own company contact (the same capacity,
duplicate and cancelled-event rules, in French), and marking a registrant present or
absent (organizers only). A stranger finds nothing; an employer registers its contacts,
never a person."""

import pytest

from companies.models import Contact
from events import services
from events.enums import Presence, RegistrantKind
from events.models import Attendance, Registration
from persons.services import person_create
from tests.factories.organizations import MembershipFactory
from tests.offers.helpers import employer_account

pytestmark = pytest.mark.django_db


def _register(client, headers, event, **body):
    return client.post(
        f"/api/v1/events/{event.pk}/registrations",
        body,
        headers=headers,
        content_type="application/json",
    )


def _mark(client, headers, event, session, **body):
    return client.post(
        f"/api/v1/events/{event.pk}/sessions/{session.pk}/attendance",
        body,
        headers=headers,
        content_type="application/json",
    )


def _someone(team, last_name):
    return person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Inès", "last_name": last_name},
    )


def test_a_counsellor_registers_a_person_they_follow(client, team, followed, dating, bearer):
    headers = bearer(team.colleague)
    response = _register(client, headers, dating, person_id=followed.person.pk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == RegistrantKind.PERSON
    assert body["person_id"] == followed.person.pk
    assert body["label"] == str(followed.person)
    registration = Registration.objects.get(pk=body["id"])
    assert registration.organization == team.organization
    assert registration.registered_by == team.colleague
    # The same list as the page's.
    listed = client.get(f"/api/v1/events/{dating.pk}/registrations", headers=headers).json()
    assert [item["id"] for item in listed["items"]] == [registration.pk]
    # Registered twice: refused as the form refuses it.
    again = _register(client, headers, dating, person_id=followed.person.pk)
    assert again.status_code == 400
    assert again.json()["detail"] == f"{followed.person} est déjà inscrit·e à cet événement."


def test_a_full_or_cancelled_event_refuses_in_french(client, team, followed, dating, bearer):
    headers = bearer(team.colleague)
    for name in ("Première", "Seconde"):  # the job dating takes two
        response = _register(client, headers, dating, person_id=_someone(team, name).pk)
        assert response.status_code == 201
    full = _register(client, headers, dating, person_id=followed.person.pk)
    assert full.status_code == 400
    assert full.json()["detail"] == "Cet événement est complet."
    services.event_cancel(event=dating, user=team.colleague, reason="Salle indisponible")
    cancelled = _register(client, headers, dating, person_id=followed.person.pk)
    assert cancelled.status_code == 400
    assert cancelled.json()["detail"] == "Cet événement est annulé."
    assert dating.registrations.count() == 2


def test_bad_input_is_a_4xx_and_writes_nothing(client, team, followed, dating, bearer):
    headers = bearer(team.colleague)
    cases = [
        ({}, 400, "Indiquez une personne"),
        ({"person_id": followed.person.pk, "contact_id": 1}, 400, "pas les deux"),
        ({"person_id": "Sandrine"}, 422, "Nombre entier attendu"),
        ({"person_id": 0}, 422, "Au moins 1"),
        ({"person_id": 2**63}, 422, "Au plus"),
        ({"person_id": followed.person.pk, "organization_id": team.other.pk}, 403, "membre"),
    ]
    for body, status, words in cases:
        response = _register(client, headers, dating, **body)
        assert response.status_code == status, (body, response.content)
        assert words in response.json()["detail"], (body, response.json())
    # A person of another structure, or one that does not exist: the same refusal.
    elsewhere = person_create(
        organization=team.other,
        user=team.stranger,
        data={"first_name": "Paul", "last_name": "Ailleurs"},
    )
    for person_id in (elsewhere.pk, elsewhere.pk + 1000):
        response = _register(client, headers, dating, person_id=person_id)
        assert response.status_code == 400
        assert response.json()["detail"] == "Choisissez une personne que vous accompagnez."
    unknown = client.post(
        "/api/v1/events/999999/registrations",
        {"person_id": followed.person.pk},
        headers=headers,
        content_type="application/json",
    )
    assert unknown.status_code == 404
    assert not dating.registrations.exists()


def test_a_member_of_two_organizations_says_which_one(client, team, followed, dating, bearer):
    MembershipFactory(organization=team.other, user=team.colleague)
    headers = bearer(team.colleague)
    response = _register(client, headers, dating, person_id=followed.person.pk)
    assert response.status_code == 403
    assert "organization_id" in response.json()["detail"]
    response = _register(
        client,
        headers,
        dating,
        person_id=followed.person.pk,
        organization_id=team.organization.pk,
    )
    assert response.status_code == 201
    assert dating.registrations.get().organization == team.organization


def test_an_employer_registers_its_contacts_never_a_person(client, team, followed, dating, bearer):
    employer, manager, bakery = employer_account()
    services.invitation_create(event=dating, user=team.colleague, organization=employer)
    own = Contact.objects.create(organization=employer, company=bakery, name="Claire Contact")
    theirs = Contact.objects.create(
        organization=team.organization, company=bakery, name="Jean Ducontact"
    )
    headers = bearer(manager)
    response = _register(client, headers, dating, contact_id=own.pk)
    assert response.status_code == 201, response.content
    assert response.json()["label"] == f"Claire Contact ({bakery.name})"
    assert response.json()["person_id"] is None
    refused = _register(client, headers, dating, contact_id=theirs.pk)
    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "Choisissez un interlocuteur enregistré par votre organisation."
    )
    person = _register(client, headers, dating, person_id=followed.person.pk)
    assert person.status_code == 400
    assert followed.person.last_name not in person.content.decode()
    assert list(dating.registrations.values_list("contact", flat=True)) == [own.pk]


def test_a_stranger_finds_nothing_to_write_to(client, team, followed, drop_in, bearer):
    registration = services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    session = drop_in.occurrences.first()
    headers = bearer(team.stranger)
    assert _register(client, headers, drop_in, person_id=followed.person.pk).status_code == 404
    marked = _mark(
        client, headers, drop_in, session, registration_id=registration.pk, presence="present"
    )
    assert marked.status_code == 404
    # Invited, the stranger's structure sees the event, not the person, and does not
    # keep its list.
    services.invitation_create(event=drop_in, user=team.colleague, organization=team.other)
    again = _register(client, headers, drop_in, person_id=followed.person.pk)
    assert again.status_code == 400
    marked = _mark(
        client, headers, drop_in, session, registration_id=registration.pk, presence="present"
    )
    assert marked.status_code == 403
    assert followed.person.last_name not in again.content.decode() + marked.content.decode()
    assert drop_in.registrations.count() == 1
    assert not Attendance.objects.exists()


def test_the_organizer_marks_present_then_absent(client, team, followed, drop_in, bearer):
    registration = services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    session = drop_in.occurrences.first()
    headers = bearer(team.colleague)
    response = _mark(
        client, headers, drop_in, session, registration_id=registration.pk, presence="present"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "session_id": session.pk,
        "starts_at": response.json()["starts_at"],
        "cancelled": False,
        "registration_id": registration.pk,
        "label": str(followed.person),
        "presence": Presence.PRESENT,
    }
    response = _mark(
        client, headers, drop_in, session, registration_id=registration.pk, presence="absent"
    )
    assert response.json()["presence"] == Presence.ABSENT
    attendance = Attendance.objects.get()
    assert (attendance.registration, attendance.presence) == (registration, Presence.ABSENT)
    # The page's list reads the same mark.
    listed = client.get(f"/api/v1/events/{drop_in.pk}/attendance", headers=headers).json()
    assert [(i["registration_id"], i["presence"]) for i in listed["items"]] == [
        (registration.pk, Presence.ABSENT)
    ]


def test_attendance_refuses_what_the_list_refuses(client, team, followed, drop_in, dating, bearer):
    registration = services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    elsewhere = services.register_person(
        event=dating, person=followed.person, user=team.colleague, organization=team.organization
    )
    first, second = drop_in.occurrences.order_by("starts_at")[:2]
    headers = bearer(team.colleague)
    cases = [
        (first, {"registration_id": registration.pk, "presence": "expected"}, 422),
        (first, {"registration_id": registration.pk}, 422),
        (first, {"registration_id": elsewhere.pk, "presence": "present"}, 400),
    ]
    for session, body, status in cases:
        response = _mark(client, headers, drop_in, session, **body)
        assert response.status_code == status, (body, response.content)
    wrong_session = dating.occurrences.first()
    response = _mark(
        client, headers, drop_in, wrong_session, registration_id=registration.pk, presence="present"
    )
    assert response.status_code == 404
    services.occurrence_cancel(occurrence=second, user=team.colleague)
    response = _mark(
        client, headers, drop_in, second, registration_id=registration.pk, presence="present"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Cette séance est annulée."
    assert not Attendance.objects.exists()
