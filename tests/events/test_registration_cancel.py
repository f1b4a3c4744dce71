"""Cancelling a registration and freeing a job dating slot: the organizers, or the
structure that registered (and booked), may; the slot booked for a cancelled
registration is freed; once an introduction was made from the slot, both are refused
in French. The page asks first; the API answers as the page; a stranger finds nothing."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from events import services
from events.enums import EventKind
from events.models import Registration, Slot
from offers.enums import OfferState
from tests.events.conftest import at, dating_day
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import company, offer
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(team, followed):
    """A job dating held by another structure (the host), to which the team's structure
    is invited: the team registered the person it follows and booked them a slot with a
    bakery's offer; a second slot stays free."""
    host = OrganizationFactory(name="Maison de l'emploi des Tests")
    organizer = MembershipFactory(organization=host).user
    dating = services.event_create(
        user=organizer,
        organization=host,
        kind=EventKind.JOB_DATING,
        title="Job dating des boulangers",
        starts_at=at(dating_day(), 14),
        ends_at=at(dating_day(), 17),
        for_people=True,
    )
    services.invitation_create(event=dating, user=organizer, organization=team.organization)
    bakery = company("Fournil du Test")
    published = offer(
        team.organization, team.colleague, employer=bakery, state=OfferState.PUBLISHED
    )
    slot = services.slot_add(
        event=dating, company=bakery, offer=published, starts_at=dating.starts_at, user=organizer
    )
    free = services.slot_add(
        event=dating, company=bakery, starts_at=at(dating.starts_at.date(), 15), user=organizer
    )
    registration = services.register_person(
        event=dating, person=followed.person, user=team.colleague, organization=team.organization
    )
    services.slot_book(slot=slot, registration=registration, user=team.colleague)
    return SimpleNamespace(
        host=host,
        organizer=organizer,
        dating=dating,
        slot=slot,
        free=free,
        registration=registration,
    )


def _introduce(team, booked):
    slot = Slot.objects.get(pk=booked.slot.pk)
    return services.slot_introduce(slot=slot, user=team.colleague, organization=team.organization)


# --- services ----------------------------------------------------------------------------


def test_a_registration_cancelled_meanwhile_cannot_be_booked(team, followed, booked):
    """The page that offered the booking was read before another user cancelled: the
    booking reads the registration again, under lock, and refuses."""
    stale = Registration.objects.get(pk=booked.registration.pk)
    services.registration_cancel(registration=booked.registration, user=team.colleague)
    with pytest.raises(ValidationError, match="Cette inscription est annulée"):
        services.slot_book(slot=booked.free, registration=stale, user=team.colleague)
    assert Slot.objects.get(pk=booked.free.pk).registration_id is None


def test_cancelling_a_registration_frees_its_slot_and_tells_the_timeline(team, followed, booked):
    services.registration_cancel(registration=booked.registration, user=team.colleague)
    booked.registration.refresh_from_db()
    booked.slot.refresh_from_db()
    assert booked.registration.cancelled_at is not None
    assert booked.slot.registration_id is None
    entry = TimelineEvent.objects.get(
        person=followed.person, title__startswith="Inscription à « Job dating des boulangers »"
    )
    assert "créneau de 14 h 00 avec Fournil du Test libéré" in entry.title
    audited = AuditEntry.objects.for_object(booked.slot).filter(changes__has_key="registration")
    assert audited.exists()
    assert AuditEntry.objects.for_object(booked.registration).filter(
        changes__has_key="cancelled_at"
    )
    # Twice: nothing more.
    services.registration_cancel(registration=booked.registration, user=team.colleague)
    assert TimelineEvent.objects.filter(title__contains="annulée").count() == 1


def test_the_organizer_may_cancel_a_registration_another_structure_made(booked):
    services.registration_cancel(registration=booked.registration, user=booked.organizer)
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is not None


def test_a_registration_whose_slot_led_to_an_introduction_stays(team, booked):
    _introduce(team, booked)
    with pytest.raises(ValidationError, match="mise en relation avec Fournil du Test"):
        services.registration_cancel(registration=booked.registration, user=team.colleague)
    booked.registration.refresh_from_db()
    booked.slot.refresh_from_db()
    assert booked.registration.cancelled_at is None
    assert booked.slot.registration_id == booked.registration.pk


def test_a_stranger_structure_cancels_nothing_and_frees_nothing(team, booked):
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=booked.registration, user=team.stranger)
    with pytest.raises(PermissionDenied):
        services.slot_release(slot=booked.slot, user=team.stranger)
    booked.slot.refresh_from_db()
    assert booked.slot.registration_id == booked.registration.pk
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is None


def test_freeing_a_slot_keeps_the_registration(team, followed, booked):
    released = services.slot_release(slot=booked.slot, user=team.colleague)
    assert released.registration_id is None
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is None
    assert TimelineEvent.objects.filter(
        person=followed.person, title__startswith="Créneau de 14 h 00 avec Fournil du Test libéré"
    ).exists()
    assert AuditEntry.objects.for_object(booked.slot).filter(changes__has_key="registration")
    with pytest.raises(ValidationError, match="déjà libre"):
        services.slot_release(slot=booked.slot, user=booked.organizer)
    # Free, the slot is booked again.
    services.slot_book(slot=booked.slot, registration=booked.registration, user=booked.organizer)
    services.slot_release(slot=booked.slot, user=booked.organizer)


def test_a_slot_an_introduction_came_from_is_not_freed(team, booked):
    _introduce(team, booked)
    with pytest.raises(ValidationError, match="la réservation ne peut plus être annulée"):
        services.slot_release(slot=booked.slot, user=booked.organizer)
    booked.slot.refresh_from_db()
    assert booked.slot.registration_id == booked.registration.pk


def test_a_cancelled_event_keeps_its_registrations_and_slots(team, booked):
    services.event_cancel(event=booked.dating, user=booked.organizer)
    with pytest.raises(ValidationError, match="annulé"):
        services.registration_cancel(registration=booked.registration, user=team.colleague)
    with pytest.raises(ValidationError, match="annulé"):
        services.slot_release(slot=booked.slot, user=team.colleague)


# --- pages -------------------------------------------------------------------------------


def test_the_event_page_offers_to_cancel_and_to_free(client, team, booked):
    client.force_login(team.colleague)
    page = client.get(reverse("event_detail", args=[booked.dating.pk])).content.decode()
    assert reverse("registration_cancel", args=[booked.dating.pk, booked.registration.pk]) in page
    assert reverse("slot_release", args=[booked.dating.pk, booked.slot.pk]) in page
    assert reverse("slot_release", args=[booked.dating.pk, booked.free.pk]) not in page
    _introduce(team, booked)
    page = client.get(reverse("event_detail", args=[booked.dating.pk])).content.decode()
    assert reverse("registration_cancel", args=[booked.dating.pk, booked.registration.pk]) not in (
        page
    )
    assert reverse("slot_release", args=[booked.dating.pk, booked.slot.pk]) not in page
    assert "l'inscription reste" in page


def test_cancelling_on_the_page_asks_first_then_cancels(client, team, followed, booked):
    client.force_login(team.colleague)
    url = reverse("registration_cancel", args=[booked.dating.pk, booked.registration.pk])
    asked = client.get(url)
    body = asked.content.decode()
    assert asked.status_code == 200 and "Cette action est définitive" in body
    assert str(followed.person) in body and "Job dating des boulangers" in body
    assert "créneau de 14 h 00 avec Fournil du Test redevient libre" in body
    client.post(url)  # a stray POST changes nothing
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is None
    done = client.post(url, {"confirmation": "oui"}, follow=True)
    assert "est annulée" in done.content.decode()
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is not None
    assert Slot.objects.get(pk=booked.slot.pk).registration_id is None
    again = client.get(url, follow=True)
    assert "déjà annulée" in again.content.decode()


def test_the_page_refuses_in_french_after_an_introduction(client, team, booked):
    _introduce(team, booked)
    client.force_login(team.colleague)
    url = reverse("registration_cancel", args=[booked.dating.pk, booked.registration.pk])
    refused = client.post(url, {"confirmation": "oui"}, follow=True).content.decode()
    assert "pour garder la trace de la rencontre" in refused
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is None


def test_freeing_on_the_page_asks_first_then_frees(client, team, followed, booked):
    client.force_login(booked.organizer)
    url = reverse("slot_release", args=[booked.dating.pk, booked.slot.pk])
    asked = client.get(url).content.decode()
    assert "Libérer le créneau de 14 h 00 avec Fournil du Test" in asked
    # The host does not follow the person: it reads who registered, not their name.
    assert followed.person.last_name not in asked
    assert "inscrite par Chantier des Tests" in asked
    done = client.post(url, {"confirmation": "oui"}, follow=True).content.decode()
    assert "est libéré" in done
    assert Slot.objects.get(pk=booked.slot.pk).registration_id is None


def test_a_stranger_gets_404_and_an_invited_structure_403(client, team, booked):
    cancel = reverse("registration_cancel", args=[booked.dating.pk, booked.registration.pk])
    release = reverse("slot_release", args=[booked.dating.pk, booked.slot.pk])
    client.force_login(team.stranger)
    for url in (cancel, release):
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirmation": "oui"}).status_code == 404
    services.invitation_create(event=booked.dating, user=booked.organizer, organization=team.other)
    # Invited, the stranger's structure sees the event, not the team's registration, and
    # may not free the team's slot.
    assert client.post(cancel, {"confirmation": "oui"}).status_code == 404
    assert client.post(release, {"confirmation": "oui"}).status_code == 403
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is None
    assert Slot.objects.get(pk=booked.slot.pk).registration_id == booked.registration.pk


# --- API ---------------------------------------------------------------------------------


def _cancel(client, headers, event_id, registration_id):
    return client.post(
        f"/api/v1/events/{event_id}/registrations/{registration_id}/cancel", headers=headers
    )


def _release(client, headers, event_id, slot_id):
    return client.post(f"/api/v1/events/{event_id}/slots/{slot_id}/release", headers=headers)


def test_the_api_cancels_and_answers_the_registration_card(client, team, followed, booked, bearer):
    headers = bearer(team.colleague)
    response = _cancel(client, headers, booked.dating.pk, booked.registration.pk)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == booked.registration.pk and body["cancelled_at"]
    assert body["person_id"] == followed.person.pk
    assert Slot.objects.get(pk=booked.slot.pk).registration_id is None
    # Twice: the same card, nothing more.
    again = _cancel(client, headers, booked.dating.pk, booked.registration.pk)
    assert again.status_code == 200 and again.json()["cancelled_at"] == body["cancelled_at"]
    listed = client.get(f"/api/v1/events/{booked.dating.pk}/registrations", headers=headers)
    assert listed.json()["items"] == []


def test_the_api_refuses_after_an_introduction_in_french(client, team, booked, bearer):
    _introduce(team, booked)
    headers = bearer(team.colleague)
    cancelled = _cancel(client, headers, booked.dating.pk, booked.registration.pk)
    assert cancelled.status_code == 400
    assert "mise en relation avec Fournil du Test" in cancelled.json()["detail"]
    released = _release(client, headers, booked.dating.pk, booked.slot.pk)
    assert released.status_code == 400
    assert "la réservation ne peut plus être annulée" in released.json()["detail"]


def test_the_api_frees_a_slot(client, team, booked, bearer):
    response = _release(client, bearer(booked.organizer), booked.dating.pk, booked.slot.pk)
    assert response.status_code == 200, response.content
    assert response.json() == {
        "id": booked.slot.pk,
        "starts_at": response.json()["starts_at"],
        "company": "Fournil du Test",
        "label": "",
        "registration_id": None,
        "introduced": False,
    }
    again = _release(client, bearer(booked.organizer), booked.dating.pk, booked.slot.pk)
    assert again.status_code == 400 and again.json()["detail"] == "Ce créneau est déjà libre."
    # A free slot is for the organizers to speak of.
    free = _release(client, bearer(team.colleague), booked.dating.pk, booked.free.pk)
    assert free.status_code == 403
    assert Registration.objects.get(pk=booked.registration.pk).cancelled_at is None


def test_the_api_answers_bad_ids_and_strangers_without_a_500(client, team, booked, bearer):
    headers = bearer(team.colleague)
    dating, registration, slot = booked.dating.pk, booked.registration.pk, booked.slot.pk
    cases = [
        (_cancel, dating, 999_999, 404),
        (_cancel, 999_999, registration, 404),
        (_cancel, dating, "abc", 422),
        (_cancel, dating, 0, 422),
        (_cancel, 2**63, registration, 422),
        (_release, dating, 999_999, 404),
        (_release, dating, booked.free.pk + 1000, 404),
        (_release, "x", slot, 422),
        (_release, dating, -1, 422),
    ]
    for call, event_id, object_id, status in cases:
        response = call(client, headers, event_id, object_id)
        assert response.status_code == status, (call.__name__, event_id, object_id, response)
        assert response.json()["detail"]
    stranger = bearer(team.stranger)
    assert _cancel(client, stranger, dating, registration).status_code == 404
    assert _release(client, stranger, dating, slot).status_code == 404
    services.invitation_create(event=booked.dating, user=booked.organizer, organization=team.other)
    assert _cancel(client, stranger, dating, registration).status_code == 404
    forbidden = _release(client, stranger, dating, slot)
    assert forbidden.status_code == 403 and "Seuls les organisateurs" in forbidden.json()["detail"]
    assert Registration.objects.get(pk=registration).cancelled_at is None
    assert Slot.objects.get(pk=slot).registration_id == registration
