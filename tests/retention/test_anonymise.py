"""Anonymising one file: what goes, what stays, the audit trail, merged duplicates, and
one transaction per person."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEntry
from pathways.models import Pathway
from persons.models import Person, Wish
from persons.services import person_create, person_merge, wish_add, wish_remove
from plans.models import Document, Note
from plans.services import document_upload, note_create
from retention import services
from retention.audit_trail import ERASED
from retention.models import Anonymisation, Cause
from retention.scrub import ANONYMOUS
from tests.factories.jobs import AppellationFactory
from tests.retention.database_text import database_text
from timeline.models import TimelineEvent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def file_of(team, followed):
    person = followed.person
    person.phone = "06 12 34 56 78"
    person.save()
    note_create(
        person=person,
        text="Sandrine a confié un souci de voisinage",
        visibility="team",
        author=team.colleague,
        organization=team.organization,
    )
    document = document_upload(
        person=person,
        kind="cv",
        file=SimpleUploadedFile("cv-quintaval.pdf", PDF),
        uploaded_by=team.colleague,
        organization=team.organization,
    )
    wish = wish_add(
        actor=team.colleague,
        person=person,
        appellation=AppellationFactory(),
        own_words="Quintaval veut",
    )
    wish_remove(actor=team.colleague, wish=wish)
    return document


def test_it_scrubs_identity_free_texts_and_documents(team, followed, file_of):
    stored = file_of.file.name
    assert default_storage.exists(stored)

    record = services.person_anonymise(person=followed.person, cause=Cause.INACTIVITY)

    person = Person.objects.get(pk=followed.person.pk)
    assert (person.first_name, person.last_name) == (ANONYMOUS, ANONYMOUS)
    assert (person.email, person.phone, person.search_name) == ("", "", "")
    assert person.anonymised_at == record.at
    assert Note.objects.get(person=person).text == ""
    document = Document.objects.get(person=person)
    assert (document.file.name, document.name) == ("", "")
    assert not default_storage.exists(stored)
    assert not TimelineEvent.objects.filter(person=person).exclude(detail="").exists()
    text = database_text()
    for secret in ("quintaval", "sandrine@exemple.fr", "06 12 34 56 78", "voisinage"):
        assert secret not in text


def test_it_keeps_what_the_statistics_count(team, followed, file_of):
    before = list(Pathway.objects.values_list("kind", "state", "entry_channel", "organization"))

    services.person_anonymise(person=followed.person, cause=Cause.INACTIVITY)

    assert list(Pathway.objects.values_list("kind", "state", "entry_channel", "organization")) == (
        before
    )
    assert Person.objects.filter(pk=followed.person.pk).exists()
    assert not Person.objects.visible_to(team.colleague).filter(pk=followed.person.pk).exists()


def test_it_rewrites_the_trail_even_of_rows_deleted_since(team, followed, file_of):
    services.person_anonymise(person=followed.person, cause=Cause.INACTIVITY)

    wish_entries = AuditEntry.objects.filter(content_type__model="wish")
    assert wish_entries.exists()
    for entry in wish_entries:
        assert "Quintaval" not in entry.object_repr
        assert entry.changes.get("own_words", [None, ERASED])[1] in (None, ERASED)
    person_entries = AuditEntry.objects.filter(
        content_type__model="person", object_id=str(followed.person.pk)
    )
    assert all("Quintaval" not in e.object_repr for e in person_entries)
    assert person_entries.filter(action="create").get().changes["first_name"] == [None, ERASED]


def test_the_trail_no_longer_copies_a_persons_identity(team):
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Odile", "last_name": "Verchère", "phone": "07 77 77 77 77"},
    )
    entry = AuditEntry.objects.get(content_type__model="person", object_id=str(person.pk))
    assert "Verchère" not in str(entry.changes) and "07 77" not in str(entry.changes)
    assert "first_name" in entry.changes and "phone" in entry.changes


def test_it_is_idempotent(team, followed):
    first = services.person_anonymise(person=followed.person, cause=Cause.INACTIVITY)
    again = services.person_anonymise(person=followed.person, cause=Cause.REQUEST)
    assert again == first
    assert Anonymisation.objects.count() == 1


def test_it_takes_the_merged_duplicates_along(team, followed):
    twin = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Sandrine", "last_name": "Quintaval-Twin", "phone": "06 99 88 77 66"},
    )
    person_merge(
        keep=followed.person, duplicate=twin, user=team.admin, organization=team.organization
    )

    services.person_anonymise(person=followed.person, cause=Cause.INACTIVITY)

    twin.refresh_from_db()
    assert (twin.last_name, twin.phone) == (ANONYMOUS, "")
    assert twin.anonymised_at is not None
    assert "quintaval-twin" not in database_text()
    with pytest.raises(ValidationError):
        services.person_anonymise(person=twin, cause=Cause.REQUEST)


def test_a_crash_midway_leaves_the_file_whole(team, followed, file_of, monkeypatch):
    def crash(person_ids):
        raise RuntimeError("panne")

    monkeypatch.setattr(services, "scrub_trail", crash)
    with pytest.raises(RuntimeError):
        services.person_anonymise(person=followed.person, cause=Cause.INACTIVITY)

    person = Person.objects.get(pk=followed.person.pk)
    assert (person.last_name, person.anonymised_at) == ("Quintaval", None)
    assert Note.objects.get(person=person).text.startswith("Sandrine")
    assert default_storage.exists(file_of.file.name)
    assert not Anonymisation.objects.exists()


def test_an_erasure_needs_a_reason_and_logs_it(team, followed):
    with pytest.raises(ValidationError):
        services.person_erase(
            person=followed.person, user=team.admin, organization=team.organization, reason=" "
        )
    services.person_erase(
        person=followed.person,
        user=team.admin,
        organization=team.organization,
        reason="Courrier reçu le 3 mars",
    )
    entry = AuditEntry.objects.get(content_type__model="anonymisation")
    assert entry.changes["reason"] == [None, "Courrier reçu le 3 mars"]
    assert entry.changes["cause"] == [None, Cause.REQUEST]
    assert entry.actor == team.admin and entry.organization == team.organization


def test_wishes_left_with_no_text_still_count(team, followed):
    wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(),
        own_words="mes mots",
    )
    services.person_anonymise(
        person=followed.person, cause=Cause.INACTIVITY, now=timezone.now() + timedelta(days=1)
    )
    assert Wish.objects.filter(person=followed.person, own_words="").count() == 1


def test_the_trail_names_files_by_number_not_by_name(team, followed):
    entries = AuditEntry.objects.filter(content_type__model__in=["person", "pathway"])
    assert entries.count() >= 2
    assert all("Quintaval" not in entry.object_repr for entry in entries)
    assert entries.filter(object_repr__startswith=f"Dossier n° {followed.person.pk}").exists()
