from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import SensitiveRead
from barriers.models import BarrierItem
from barriers.services import barrier_identify
from plans import services
from plans.enums import ActionKind, ActionStatus, Attendance, DocumentKind, NoteVisibility
from plans.models import Action, Appointment, Document, Note, Objective
from tests.factories import files

pytestmark = pytest.mark.django_db


def _url(name, followed, **more):
    return reverse(name, kwargs={"person_pk": followed.person.pk, **more})


def test_a_colleague_sees_the_plan(client, team, followed):
    services.action_create(
        actor=team.colleague,
        person=followed.person,
        kind=ActionKind.TRAINING,
        title="CACES 1",
        owner=team.colleague,
        organization=team.organization,
    )
    client.force_login(team.colleague)
    response = client.get(_url("person_plan", followed))
    assert response.status_code == 200
    body = response.content.decode()
    assert "CACES 1" in body and "<caption>Actions</caption>" in body


def test_the_prescriber_is_refused_and_a_stranger_gets_a_404(client, team, followed):
    services.note_create(
        person=followed.person,
        text="Secret",
        visibility=NoteVisibility.TEAM,
        author=team.colleague,
        organization=team.organization,
    )
    client.force_login(followed.prescriber_user)
    assert client.get(_url("person_plan", followed)).status_code == 403
    client.force_login(team.stranger)
    assert client.get(_url("person_plan", followed)).status_code == 404


def test_it_adds_an_objective_then_an_action_towards_it(client, team, followed):
    client.force_login(team.colleague)
    assert (
        client.post(
            _url("objective_create", followed),
            {"title": "Obtenir le permis B", "is_employment": "0"},
        ).status_code
        == 302
    )
    objective = Objective.objects.get(person=followed.person)
    assert objective.is_employment is False and objective.pathway == followed.pathway
    response = client.post(
        _url("action_create", followed),
        {
            "title": "Inscription au code",
            "kind": "mobility",
            "objective": objective.pk,
            "owner": f"u{team.colleague.pk}",
            "due_on": "2025-09-01",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(person=followed.person)
    assert (action.objective, action.owner, action.due_on) == (
        objective,
        team.colleague,
        date(2025, 9, 1),
    )


def test_an_invalid_action_keeps_what_was_typed(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        _url("action_create", followed), {"title": "Appeler la CAF", "kind": "administrative"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Appeler la CAF"' in body
    assert not Action.objects.exists()


def test_marking_an_action_done_answers_htmx_with_the_row(client, team, followed):
    action = services.action_create(
        actor=team.colleague,
        person=followed.person,
        kind=ActionKind.OTHER,
        title="Relancer",
        owner=team.colleague,
        organization=team.organization,
    )
    client.force_login(team.colleague)
    response = client.post(
        _url("action_status", followed, action_pk=action.pk),
        {"status": "done"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<tr id="action-{action.pk}">')
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_on == timezone.localdate()


def test_an_appointment_in_year_one_is_a_french_form_error(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        _url("appointment_create", followed),
        {"at": "0001-01-01T10:00", "subject": "Bilan", "with_user": team.colleague.pk},
    )
    assert response.status_code in (200, 400)
    assert "Indiquez une date entre 1900 et 2100." in response.content.decode()
    assert not Appointment.objects.filter(person=followed.person).exists()


def test_it_records_an_appointment_and_its_attendance(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        _url("appointment_create", followed),
        {
            "at": "2025-06-02T10:00",
            "subject": "Bilan",
            "place": "Bureau 2",
            "with_user": team.colleague.pk,
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(person=followed.person)
    response = client.post(
        _url("appointment_attendance", followed, appointment_pk=appointment.pk),
        {"attendance": "attended"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    appointment.refresh_from_db()
    followed.person.refresh_from_db()
    assert appointment.attendance == Attendance.ATTENDED
    assert followed.person.last_contact_at == appointment.at


def test_it_writes_a_private_note(client, team, followed):
    client.force_login(team.colleague)
    assert (
        client.post(
            _url("note_create", followed),
            {"text": "A peur des entretiens", "visibility": "organization"},
        ).status_code
        == 302
    )
    note = Note.objects.get()
    assert (note.organization, note.author, note.visibility) == (
        team.organization,
        team.colleague,
        NoteVisibility.ORGANIZATION,
    )
    assert "A peur des entretiens" in client.get(_url("person_plan", followed)).content.decode()


def test_it_uploads_then_downloads_a_document_with_a_logged_read(client, team, followed):
    client.force_login(team.colleague)
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 contenu", content_type="application/pdf")
    assert (
        client.post(_url("document_upload", followed), {"kind": "cv", "file": upload}).status_code
        == 302
    )
    document = Document.objects.get()
    response = client.get(_url("document_download", followed, document_pk=document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 contenu"
    assert "attachment" in response["Content-Disposition"]
    read = SensitiveRead.objects.get()
    assert (read.user, read.person) == (team.colleague, followed.person)


def test_a_wrong_document_is_refused_with_a_clear_message(client, team, followed):
    client.force_login(team.colleague)
    upload = SimpleUploadedFile("photo.gif", b"GIF89a")
    response = client.post(_url("document_upload", followed), {"kind": "cv", "file": upload})
    assert response.status_code == 400
    assert "Format non accepté (gif)" in response.content.decode()
    assert not Document.objects.exists()


def test_a_program_renamed_pdf_is_refused_and_the_kind_chosen_is_kept(client, team, followed):
    client.force_login(team.colleague)
    upload = files.upload("cv.pdf", files.EXE, "application/pdf")
    response = client.post(_url("document_upload", followed), {"kind": "identity", "file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Le contenu de « cv.pdf » n&#x27;est pas un fichier PDF valide" in body
    assert '<option value="identity" selected>' in body
    assert not Document.objects.exists()


def test_the_file_input_offers_only_accepted_files(client, team, followed):
    client.force_login(team.colleague)
    body = client.get(_url("document_upload", followed)).content.decode()
    assert 'accept=".pdf,.jpg,.jpeg,.png,.docx,.odt,' in body


def test_a_downloaded_document_is_an_attachment_never_sniffed_nor_cached(client, team, followed):
    document = services.document_upload(
        person=followed.person,
        kind=DocumentKind.CV,
        file=files.pdf_upload(),
        uploaded_by=team.colleague,
        organization=team.organization,
    )
    client.force_login(team.colleague)
    response = client.get(_url("document_download", followed, document_pk=document.pk))
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_prescriber_cannot_download_a_document(client, team, followed):
    document = services.document_upload(
        person=followed.person,
        kind=DocumentKind.CV,
        file=SimpleUploadedFile("cv.pdf", b"%PDF"),
        uploaded_by=team.colleague,
        organization=team.organization,
    )
    client.force_login(followed.prescriber_user)
    assert (
        client.get(_url("document_download", followed, document_pk=document.pk)).status_code == 403
    )
    client.force_login(team.stranger)
    assert (
        client.get(_url("document_download", followed, document_pk=document.pk)).status_code == 404
    )
    assert not SensitiveRead.objects.exists()


def test_the_plan_page_has_a_bounded_number_of_queries(
    client, team, followed, django_assert_max_num_queries
):
    for i in range(10):
        services.action_create(
            actor=team.colleague,
            person=followed.person,
            kind=ActionKind.OTHER,
            title=f"Action {i}",
            owner=team.colleague,
            organization=team.organization,
            due_on=date.today() + timedelta(days=i),
        )
        services.appointment_create(
            actor=team.colleague,
            person=followed.person,
            at=timezone.now(),
            subject=f"RDV {i}",
            organization=team.organization,
            with_user=team.colleague,
        )
        services.note_create(
            person=followed.person,
            text=f"Note {i}",
            visibility=NoteVisibility.TEAM,
            author=team.colleague,
            organization=team.organization,
        )
    client.force_login(team.colleague)
    with django_assert_max_num_queries(30):
        assert client.get(_url("person_plan", followed)).status_code == 200


def test_the_plan_page_links_an_objective_to_a_barrier(client, team, followed):
    barrier = barrier_identify(
        person=followed.person,
        item=BarrierItem.objects.get(code="mobilite-sans-vehicule"),
        user=team.colleague,
        organization=team.organization,
    )
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/plan/objectifs/",
        {"title": "Solution de transport", "is_employment": "0", "barrier": barrier.pk},
    )
    assert response.status_code == 302
    objective = Objective.objects.get(title="Solution de transport")
    assert objective.barrier == barrier
    page = client.get(f"/personnes/{followed.person.pk}/plan/").content.decode()
    assert "Le frein « Pas de véhicule »" in page
