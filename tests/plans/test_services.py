from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from barriers.models import BarrierItem
from barriers.services import barrier_identify
from organizations.enums import OrganizationKind
from pathways.services import team_member_add
from persons.access import Level, known_followed, person_for
from persons.services import person_create
from plans import services
from plans.enums import ActionKind, ActionStatus, Attendance, DocumentKind, NoteVisibility
from plans.models import Document, Note
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.persons import PersonFactory
from timeline.models import Audience, EventKind, TimelineEvent

pytestmark = pytest.mark.django_db


def _last_event(person):
    return TimelineEvent.objects.filter(person=person).first()


def test_it_creates_an_action_and_tells_the_team_not_the_prescriber(team, followed):
    action = services.action_create(
        actor=team.colleague,
        person=followed.person,
        kind=ActionKind.TRAINING,
        title="CACES 1",
        owner=team.colleague,
        organization=team.organization,
        due_on=date(2025, 9, 1),
    )
    event = _last_event(followed.person)
    assert (event.kind, event.audience) == (EventKind.ACTION, Audience.TEAM)
    assert "CACES 1" in event.title
    services.action_set_status(
        actor=team.colleague, action=action, status=ActionStatus.DONE, on=date(2025, 8, 20)
    )
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.DONE, date(2025, 8, 20))


def test_an_action_cannot_be_owned_by_someone_who_does_not_follow_the_person(team, followed):
    with pytest.raises(ValidationError):
        services.action_create(
            actor=team.colleague,
            person=followed.person,
            kind=ActionKind.OTHER,
            title="x",
            owner=team.stranger,
            organization=team.organization,
        )
    assert not followed.person.actions.exists()


def test_a_private_note_is_for_the_organization_and_counts_as_a_contact(team, followed):
    note = services.note_create(
        person=followed.person,
        text="Parle de sa fille",
        visibility=NoteVisibility.ORGANIZATION,
        author=team.colleague,
        organization=team.organization,
    )
    event = _last_event(followed.person)
    assert (event.kind, event.audience, event.organization) == (
        EventKind.NOTE,
        Audience.ORGANIZATION,
        team.organization,
    )
    followed.person.refresh_from_db()
    assert followed.person.last_contact_at == note.created_at


def test_a_shared_note_is_for_the_team(team, followed):
    services.note_create(
        person=followed.person,
        text="Partagé",
        visibility=NoteVisibility.TEAM,
        author=team.colleague,
        organization=team.organization,
    )
    assert _last_event(followed.person).audience == Audience.TEAM


def test_private_notes_of_another_organization_are_never_visible(team, followed):
    services.note_create(
        person=followed.person,
        text="privée",
        visibility=NoteVisibility.ORGANIZATION,
        author=team.colleague,
        organization=team.organization,
    )
    services.note_create(
        person=followed.person,
        text="partagée",
        visibility=NoteVisibility.TEAM,
        author=team.colleague,
        organization=team.organization,
    )

    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    worker = MembershipFactory(organization=partner).user
    team_member_add(
        pathway=followed.pathway,
        user=worker,
        organization=partner,
        role="social_worker",
        access_until=None,
        actor=team.colleague,
    )
    assert [n.text for n in Note.objects.visible_to(worker)] == ["partagée"]
    assert {n.text for n in Note.objects.visible_to(team.admin)} == {"privée", "partagée"}
    assert not Note.objects.visible_to(followed.prescriber_user).exists()
    assert not Note.objects.visible_to(team.stranger).exists()


def test_an_attended_appointment_counts_as_a_contact(team, followed):
    at = timezone.now() - timedelta(days=2)
    appointment = services.appointment_create(
        actor=team.colleague,
        person=followed.person,
        at=at,
        subject="Point mensuel",
        organization=team.organization,
        with_user=team.colleague,
    )
    followed.person.refresh_from_db()
    assert followed.person.last_contact_at is None
    services.appointment_set_attendance(
        actor=team.colleague, appointment=appointment, attendance=Attendance.ATTENDED
    )
    followed.person.refresh_from_db()
    assert followed.person.last_contact_at == at
    assert _last_event(followed.person).audience == Audience.TEAM


def test_it_refuses_a_document_of_a_forbidden_kind_or_too_big(team, followed):
    with pytest.raises(ValidationError, match="Format non accepté"):
        services.document_upload(
            person=followed.person,
            kind=DocumentKind.CV,
            file=SimpleUploadedFile("virus.exe", b"MZ"),
            uploaded_by=team.colleague,
            organization=team.organization,
        )
    big = SimpleUploadedFile("cv.pdf", b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="la limite est de 5 Mo"):
        services.document_upload(
            person=followed.person,
            kind=DocumentKind.CV,
            file=big,
            uploaded_by=team.colleague,
            organization=team.organization,
        )
    assert not Document.objects.exists()


def test_it_stores_a_document_and_records_it(team, followed):
    document = services.document_upload(
        person=followed.person,
        kind=DocumentKind.CV,
        file=SimpleUploadedFile("cv.PDF", b"%PDF"),
        uploaded_by=team.colleague,
        organization=team.organization,
    )
    assert document.file.read() == b"%PDF"
    assert _last_event(followed.person).kind == EventKind.DOCUMENT


def test_an_objective_belongs_to_the_person_of_its_pathway(team, followed):
    with pytest.raises(ValidationError):
        services.objective_create(
            person=PersonFactory(created_by_organization=team.organization),
            title="x",
            user=team.colleague,
            organization=team.organization,
            pathway=followed.pathway,
        )


def test_an_objective_can_aim_at_lifting_one_of_the_persons_barriers(team, followed):
    barrier = barrier_identify(
        person=followed.person,
        item=BarrierItem.objects.get(code="mobilite-sans-vehicule"),
        user=team.colleague,
        organization=team.organization,
    )
    objective = services.objective_create(
        person=followed.person,
        title="Trouver une solution de transport",
        user=team.colleague,
        organization=team.organization,
        barrier=barrier,
    )
    assert objective.barrier == barrier and objective.is_employment is False


def test_an_objective_cannot_aim_at_someone_elses_barrier(team, followed):
    other = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Autre", "last_name": "Personne"},
    )
    barrier = barrier_identify(
        person=other,
        item=BarrierItem.objects.get(code="mobilite-sans-vehicule"),
        user=team.colleague,
        organization=team.organization,
    )
    with pytest.raises(ValidationError, match="pas celui de cette personne"):
        services.objective_create(
            person=followed.person,
            title="X",
            user=team.colleague,
            organization=team.organization,
            barrier=barrier,
        )


def _two_notes(team, followed):
    for text, visibility in (
        ("privée", NoteVisibility.ORGANIZATION),
        ("partagée", NoteVisibility.TEAM),
    ):
        services.note_create(
            person=followed.person,
            text=text,
            visibility=visibility,
            author=team.colleague,
            organization=team.organization,
        )


def test_one_persons_notes_read_as_through_visible_to_once_the_person_is_fetched(team, followed):
    _two_notes(team, followed)
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    worker = MembershipFactory(organization=partner).user
    team_member_add(
        pathway=followed.pathway,
        user=worker,
        organization=partner,
        role="social_worker",
        access_until=None,
        actor=team.colleague,
    )
    for user in (team.colleague, worker):
        person, _ = person_for(user, followed.person.pk)
        assert known_followed(person, user)
        about = sorted(n.text for n in Note.objects.about(person, user))
        assert about == sorted(n.text for n in Note.objects.visible_to(user))
    assert [n.text for n in Note.objects.about(person, worker)] == ["partagée"]


def test_a_person_fetched_for_someone_else_says_nothing_about_this_user(team, followed):
    _two_notes(team, followed)
    person, _ = person_for(team.colleague, followed.person.pk)
    assert not known_followed(person, team.stranger)
    assert not Note.objects.about(person, team.stranger).exists()
    prescribed, _ = person_for(
        followed.prescriber_user, followed.person.pk, needed=Level.MILESTONES
    )
    assert not known_followed(prescribed, followed.prescriber_user)
    assert not Note.objects.about(prescribed, followed.prescriber_user).exists()
