"""The events' services: recurrence, registrations (and the person's timeline),
attendance, cancellation, who may do what."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from events import services
from events.enums import EventState, Presence
from events.models import Event, EventTransition
from events.recurrence import Rule, session_times
from events.selectors import organization_calendar
from tests.events.conftest import at
from tests.offers.helpers import employer_account
from timeline.models import TimelineEvent


def test_a_weekly_drop_in_materialises_its_tuesdays(drop_in):
    sessions = list(drop_in.occurrences.all())
    assert len(sessions) == 16  # 1 Sept → 15 Dec 2026, every Tuesday
    assert {s.starts_at.astimezone().weekday() for s in sessions} == {1}
    # wall-clock 9:00 on both sides of the change to winter time (25 Oct 2026)
    from django.utils import timezone

    assert {timezone.localtime(s.starts_at).hour for s in sessions} == {9}
    assert EventTransition.objects.get(event=drop_in).to_state == EventState.SCHEDULED


def test_the_rule_reads_as_an_rrule():
    rule = Rule(weekday=1, interval=2, until=date(2026, 12, 15))
    assert rule.rrule() == "FREQ=WEEKLY;BYDAY=TU;INTERVAL=2;UNTIL=20261215T225959Z"
    times = session_times(at(date(2026, 9, 3), 9), at(date(2026, 9, 3), 12), rule)
    assert times[0][0].date() == date(2026, 9, 8)  # the first Tuesday on or after


def test_only_a_drop_in_repeats(team):
    with pytest.raises(ValidationError):
        services.event_create(
            user=team.colleague,
            organization=team.organization,
            kind="job_dating",
            title="x",
            starts_at=at(date(2026, 9, 1), 9),
            ends_at=at(date(2026, 9, 1), 12),
            repeat_weekday=1,
        )


def test_a_stranger_neither_sees_nor_manages(team, events):
    assert not Event.objects.visible_to(team.stranger).exists()
    with pytest.raises(PermissionDenied):
        services.event_cancel(event=events.dating, user=team.stranger)


def test_registering_a_followed_person_writes_the_timeline(team, followed, dating):
    registration = services.register_person(
        event=dating, person=followed.person, user=team.colleague, organization=team.organization
    )
    assert TimelineEvent.objects.filter(
        person=followed.person, subject_id=registration.pk, title__contains="Job dating"
    ).exists()
    with pytest.raises(ValidationError):
        services.register_person(
            event=dating,
            person=followed.person,
            user=team.colleague,
            organization=team.organization,
        )


def test_a_stranger_cannot_register_someone_they_do_not_follow(team, followed, dating):
    with pytest.raises(PermissionDenied):
        services.register_person(
            event=dating, person=followed.person, user=team.stranger, organization=team.other
        )


def test_capacity_is_kept(team, dating):
    services.register_self(event=dating, user=team.colleague, organization=team.organization)
    services.register_self(event=dating, user=team.admin, organization=team.organization)
    dating.is_public = True
    dating.save()
    with pytest.raises(ValidationError, match="complet"):
        services.register_public(event=dating, name="Léa", email="lea@exemple.fr")


def test_attendance_one_tap_and_the_timeline(team, followed, drop_in):
    registration = services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    session = drop_in.occurrences.first()
    mark = services.attendance_mark(
        occurrence=session,
        registration=registration,
        presence=Presence.PRESENT,
        user=team.colleague,
    )
    again = services.attendance_mark(
        occurrence=session, registration=registration, presence=Presence.ABSENT, user=team.colleague
    )
    assert mark.pk == again.pk and again.presence == Presence.ABSENT
    present = TimelineEvent.objects.filter(person=followed.person, title__startswith="Présent")
    assert present.exists()
    visitor = services.visitor_add(occurrence=session, name="Karim", user=team.colleague)
    assert visitor.presence == Presence.PRESENT


def test_cancelling_tells_the_registrants_and_moves_the_lifecycle(
    team, dating, django_capture_on_commit_callbacks
):
    services.register_self(event=dating, user=team.admin, organization=team.organization)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=dating, user=team.colleague, reason="Salle indisponible")
    dating.refresh_from_db()
    assert dating.state == EventState.CANCELLED and dating.sequence == 1
    assert [m.subject for m in mail.outbox] == ["Annulation : Job dating boulangerie"]
    assert "Salle indisponible" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.event_cancel(event=dating, user=team.colleague)


def test_a_company_given_slots_is_invited_and_finds_the_job_dating(team, dating):
    employer_organization, employer_user, company = employer_account()
    assert not Event.objects.visible_to(employer_user).filter(pk=dating.pk).exists()
    for minutes in (0, 30):
        services.slot_add(
            event=dating,
            company=company,
            starts_at=dating.starts_at + timedelta(minutes=minutes),
            user=team.colleague,
        )
    assert dating.invitations.filter(company=company).count() == 1
    assert Event.objects.visible_to(employer_user).filter(pk=dating.pk).exists()
    assert dating in organization_calendar(employer_organization)


def test_the_audience_reads_as_a_list(dating):
    dating.for_people, dating.for_professionals, dating.for_employers = True, False, True
    assert dating.audience == "personnes accompagnées, employeurs"
    dating.for_people = dating.for_employers = False
    assert dating.audience == "à préciser"
