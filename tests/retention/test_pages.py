"""A person's rights over their data, on the person page and in the API: export for an
admin or the referent of a structure that follows them, erasure for the admins."""

import json
import re

import pytest
from django.urls import reverse

from audit.models import AuditEntry, SensitiveRead
from audit.reads import log_sensitive_read
from persons.models import Person
from plans.services import note_create
from retention.models import Anonymisation
from retention.pdf import printable, subject_access_pdf
from tests.pdf_text import pdf_text


@pytest.fixture
def noted(team, followed):
    note_create(
        person=followed.person,
        text="Souhaite travailler près de l’école « Les Œillets »",
        visibility="team",
        author=team.colleague,
        organization=team.organization,
    )
    log_sensitive_read(
        user=team.colleague,
        person=followed.person,
        what="freins : santé",
        organization=team.organization,
    )
    return followed.person


def _sections(data) -> dict:
    return {section["model"]: section["rows"] for section in data["sections"]}


def test_an_admin_exports_everything_with_who_read_it(client, team, noted):
    client.force_login(team.admin)
    response = client.get(reverse("person_data_json", args=[noted.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    sections = _sections(data)
    assert sections["persons.Person"][0]["last_name"] == "Quintaval"
    assert sections["plans.Note"][0]["text"].startswith("Souhaite travailler")
    reads = sections["audit.SensitiveRead"]
    assert {"freins : santé", "export des données (droit d'accès)"} <= {r["what"] for r in reads}
    assert sections["audit.AuditEntry"]
    assert SensitiveRead.objects.filter(user=team.admin, person=noted).count() == 1


def test_the_pdf_renders_french_text(client, team, noted):
    client.force_login(team.admin)
    response = client.get(reverse("person_data_pdf", args=[noted.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    drawn = pdf_text(response.content)
    assert "Données détenues sur Sandrine Quintaval" in drawn
    assert all(word in drawn for word in ("l’école", "«", "Œillets", "»", "freins : santé"))


def test_the_pdf_keeps_accents_quotes_and_ligatures():
    text = "Hélène à l’école « Les Œillets », cœur — 3 €"
    assert printable(text) == text
    assert printable("flèche → ici") == "flèche ? ici"  # outside cp1252: replaced
    data = {
        "person_id": 1,
        "exported_at": "2026-01-01T10:00",
        "sections": [
            {"model": "m", "title": "Notes", "labels": {"t": "Texte"}, "rows": [{"t": text}]}
        ],
        "withheld": {
            "private_notes_of_other_organizations": 0,
            "private_events_of_other_organizations": 0,
        },
    }
    pdf = subject_access_pdf(data, person_label="Zoé Lœwy")
    drawn = pdf_text(pdf)
    assert "Zoé Lœwy" in drawn
    assert text in drawn


def test_the_referent_exports_but_does_not_erase(client, team, followed):
    client.force_login(team.colleague)  # the pathway's referent, not an admin
    assert client.get(reverse("person_data_json", args=[followed.person.pk])).status_code == 200
    assert client.get(reverse("person_erase", args=[followed.person.pk])).status_code == 403
    page = client.get(reverse("person_detail", args=[followed.person.pk]))
    assert reverse("person_data_pdf", args=[followed.person.pk]) in page.content.decode()
    assert reverse("person_erase", args=[followed.person.pk]) not in page.content.decode()


def test_a_prescriber_and_a_stranger_get_nothing(client, team, followed):
    url = reverse("person_data_json", args=[followed.person.pk])
    client.force_login(followed.prescriber_user)
    assert client.get(url).status_code == 403
    client.force_login(team.stranger)
    assert client.get(url).status_code == 404
    assert not SensitiveRead.objects.exists()


def test_an_admin_erases_the_file_on_request(client, team, followed):
    client.force_login(team.admin)
    url = reverse("person_erase", args=[followed.person.pk])
    assert url in client.get(reverse("person_detail", args=[followed.person.pk])).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "L'effacement est définitif" in page.content.decode()

    missing = client.post(url, {"reason": "Courriel du 2 mars"})
    assert missing.status_code == 400
    assert "Courriel du 2 mars" in missing.content.decode()  # what was typed stays
    assert Person.objects.get(pk=followed.person.pk).anonymised_at is None

    done = client.post(url, {"reason": "Courriel du 2 mars", "confirm": "on"})
    assert done.status_code == 302
    assert Anonymisation.objects.get().reason == "Courriel du 2 mars"
    entry = AuditEntry.objects.get(content_type__model="anonymisation")
    assert entry.actor == team.admin and entry.changes["reason"][1] == "Courriel du 2 mars"
    assert client.get(reverse("person_detail", args=[followed.person.pk])).status_code == 404


def test_the_api_exports_for_the_same_people(client, team, followed, bearer):
    url = f"/api/v1/persons/{followed.person.pk}/data"
    response = client.get(url, headers=bearer(team.admin))
    assert response.status_code == 200
    assert _sections(response.json())["persons.Person"][0]["first_name"] == "Sandrine"
    assert client.get(url, headers=bearer(team.stranger)).status_code == 404
    assert client.get(url, headers=bearer(followed.prescriber_user)).status_code == 403


ENGLISH_LABELS = {
    "Id",
    "ID",
    "Search name",
    "User",
    "Organization",
    "Person",
    "At",
    "By",
    "Barrier",
    "From status",
    "To status",
    "From state",
    "To state",
    "Created at",
    "Created by",
    "Updated at",
    "Updated by",
    "Author",
    "Pathway",
    "Referral",
    "Subject type",
    "Subject id",
    "Audience",
    "Actor",
    "Added by",
    "Added at",
    "Recorded by",
    "Recorded at",
    "Uploaded by",
    "Uploaded at",
    "Offer",
    "Introduction transitions",
}
RAW_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")


def test_the_pdf_speaks_french_to_the_person(client, team, noted):
    Person.objects.filter(pk=noted.pk).update(receives_rsa=True, disabled_worker=True)
    client.force_login(team.admin)
    drawn = pdf_text(client.get(reverse("person_data_pdf", args=[noted.pk])).content)
    lines = {line.strip() for line in drawn.splitlines()}

    assert not ENGLISH_LABELS & lines
    assert not any(label in drawn for label in ("Search name", "Created at", "first_name"))
    assert not RAW_ISO.search(drawn)
    assert re.search(r"\d{2}/\d{2}/\d{4} à \d{1,2} h \d{2}", drawn)
    assert {"Bénéficiaire du RSA", "Changements d'étape", "Membres de l'équipe"} <= lines
    assert "(RQTH)" in drawn and "Inscrit·e à France Travail" in drawn
    assert "d'un freins" not in drawn and "de l'équipes" not in drawn


def test_the_json_keeps_iso_dates_with_french_labels(client, team, noted):
    client.force_login(team.admin)
    data = json.loads(client.get(reverse("person_data_json", args=[noted.pk])).content)
    transitions = next(s for s in data["sections"] if s["model"] == "pathways.Transition")
    assert transitions["title"] == "Changements d'étape"
    assert transitions["labels"]["at"] == "Le" and transitions["labels"]["by"] == "Par"
    assert re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}", transitions["rows"][0]["at"]
    )
