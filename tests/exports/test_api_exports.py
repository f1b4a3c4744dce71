"""Exports in the API: the same rows and filters as the pages, scoped to the token's
user, 4xx on bad input, and large exports as tasks followed by their state."""

import pytest

from exports import services
from exports.models import Export
from pathways.enums import PathwayState
from tests.exports.helpers import followed_person, read_csv, read_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(team):
    return [
        followed_person(team, "Aline", "Arnaud"),
        followed_person(team, "Chloé", "Cardin", state=PathwayState.ACTIVE),
    ]


def test_the_api_answers_the_file_with_the_pages_filters(client, team, people, bearer):
    headers = bearer(team.colleague)
    everyone = read_csv(client.get("/api/v1/exports/personnes.csv", headers=headers))
    active = read_csv(client.get("/api/v1/exports/personnes.csv?state=active", headers=headers))
    assert [row[0] for row in everyone[1:]] == ["Arnaud", "Cardin"]
    assert [row[0] for row in active[1:]] == ["Cardin"]
    xlsx = client.get("/api/v1/exports/personnes.xlsx", headers=headers)
    assert len(read_xlsx(xlsx.content)) == 3
    assert Export.objects.filter(user=team.colleague).count() == 3


def test_the_api_refuses_bad_input_with_a_clear_status(client, team, people, bearer):
    headers = bearer(team.colleague)
    assert client.get("/api/v1/exports/inconnue.csv", headers=headers).status_code == 404
    bad_format = client.get("/api/v1/exports/personnes.pdf", headers=headers)
    assert bad_format.status_code == 400 and "csv" in bad_format.json()["detail"]
    bad_filter = client.get("/api/v1/exports/personnes.csv?state=nimporte", headers=headers)
    assert bad_filter.status_code == 400 and "Étape du parcours" in bad_filter.json()["detail"]
    other = client.get(
        f"/api/v1/exports/personnes.csv?organization_id={team.other.pk}", headers=headers
    )
    assert other.status_code == 404
    assert client.get("/api/v1/exports/personnes.csv").status_code == 401


def test_a_stranger_gets_an_empty_file_and_no_one_elses_job(
    client, team, people, bearer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/v1/exports/personnes.csv", headers=bearer(team.colleague))
    stranger = bearer(team.stranger)
    assert read_csv(client.get("/api/v1/exports/personnes.csv", headers=stranger))[1:] == []
    job = started.json()["id"]
    assert client.get(f"/api/v1/exports/jobs/{job}", headers=stranger).status_code == 404
    assert client.get(f"/api/v1/exports/jobs/{job}/file", headers=stranger).status_code == 404


def test_a_large_export_is_started_then_followed_then_downloaded(
    client, team, people, bearer, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "STREAM_MAX", 1)
    headers = bearer(team.colleague)
    refused = client.get("/api/v1/exports/personnes.xlsx", headers=headers)
    assert refused.status_code == 409 and "POST" in refused.json()["detail"]
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/v1/exports/personnes.xlsx?state=active", headers=headers)
    assert started.status_code == 202
    state = client.get(f"/api/v1/exports/jobs/{started.json()['id']}", headers=headers).json()
    assert (state["state"], state["rows_total"], state["rows_done"]) == ("done", 1, 1)
    file = client.get(state["file_url"], headers=headers)
    assert file.status_code == 200
    rows = read_xlsx(b"".join(file.streaming_content))
    assert [row[0] for row in rows[1:]] == ["Cardin"]
