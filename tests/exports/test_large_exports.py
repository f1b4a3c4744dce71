"""A large export runs as a task: its page shows the progress, then the download link;
only its author opens it; the file expires and is deleted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from exports import services
from exports.models import Export, ExportState
from tests.exports.helpers import followed_person, read_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(services, "STREAM_MAX", 2)


@pytest.fixture
def people(team):
    return [followed_person(team, f"Prénom{i}", f"Nom{i}") for i in range(5)]


def _start(client, user, capture, url=None):
    client.force_login(user)
    with capture(execute=False) as callbacks:
        response = client.get(url or reverse("export_list", args=["personnes", "xlsx"]))
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export_detail", args=[export.pk])
    return export, callbacks


def test_a_large_export_shows_its_progress_then_its_file(
    client, team, people, small_threshold, django_capture_on_commit_callbacks, monkeypatch
):
    export, callbacks = _start(client, team.colleague, django_capture_on_commit_callbacks)
    assert (export.state, export.rows_total, export.rows_done) == (ExportState.PENDING, 5, 0)
    page = client.get(reverse("export_detail", args=[export.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "0 ligne sur 5" in page

    told = []
    monkeypatch.setattr("exports.writers.PROGRESS_EVERY", 2)
    original = services._progress

    def spying(export):
        inner = original(export)

        def tell(done):
            inner(done)
            told.append(Export.objects.get(pk=export.pk).rows_done)

        return tell

    monkeypatch.setattr(services, "_progress", spying)
    for callback in callbacks:
        callback()  # the task (immediate backend in tests)
    assert told == [2, 4, 5]

    export.refresh_from_db()
    assert (export.state, export.rows_total, export.rows_done) == (ExportState.DONE, 5, 5)
    assert export.expires_at > timezone.now() + timedelta(days=6)
    fragment = client.get(
        reverse("export_detail", args=[export.pk]), headers={"HX-Request": "true"}
    )
    assert "hx-trigger" not in fragment.content.decode()
    assert reverse("export_download", args=[export.pk]) in fragment.content.decode()

    download = client.get(reverse("export_download", args=[export.pk]))
    assert download.status_code == 200
    rows = read_xlsx(b"".join(download.streaming_content))
    assert len(rows) == 6
    assert sorted(row[0] for row in rows[1:]) == [f"Nom{i}" for i in range(5)]
    done_entry = AuditEntry.objects.for_object(export).filter(action="update").first()
    assert done_entry.changes["state"][1] == ExportState.DONE
    assert "rows_done" not in done_entry.changes


def test_only_its_author_sees_or_downloads_an_export(
    client, team, people, small_threshold, django_capture_on_commit_callbacks
):
    export, callbacks = _start(client, team.colleague, django_capture_on_commit_callbacks)
    for callback in callbacks:
        callback()
    for other in (team.admin, team.stranger):
        client.force_login(other)
        assert client.get(reverse("export_detail", args=[export.pk])).status_code == 404
        assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
        assert (
            reverse("export_detail", args=[export.pk])
            not in client.get(reverse("export_history")).content.decode()
        )


def test_an_author_who_left_the_organization_gets_no_file(
    client, team, people, small_threshold, django_capture_on_commit_callbacks
):
    export, callbacks = _start(client, team.colleague, django_capture_on_commit_callbacks)
    team.colleague.memberships.update(is_active=False)
    for callback in callbacks:
        callback()
    export.refresh_from_db()
    assert export.state == ExportState.FAILED
    assert not export.file
    assert "personnes" in export.error


def test_expired_files_are_deleted_and_the_record_stays(
    client, team, people, small_threshold, django_capture_on_commit_callbacks
):
    export, callbacks = _start(client, team.colleague, django_capture_on_commit_callbacks)
    for callback in callbacks:
        callback()
    export.refresh_from_db()
    stored = export.file.name
    assert export.file.storage.exists(stored)
    assert services.exports_purge(now=timezone.now()) == {"expired": 0}
    assert services.exports_purge(now=export.expires_at + timedelta(minutes=1)) == {"expired": 1}
    export.refresh_from_db()
    assert export.state == ExportState.EXPIRED
    assert not export.file.storage.exists(stored)
    client.force_login(team.colleague)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    assert "expiré" in client.get(reverse("export_detail", args=[export.pk])).content.decode()


def test_the_purge_is_a_periodic_job():
    from scheduling.registry import PERIODIC

    assert PERIODIC["exports.purge"][0] == "exports.services.exports_purge"
