"""The end-of-pathway review to the prescriber who referred the person: figures and the
outcome, on the referral's page, in « Mes orientations » and by email; never a barrier,
a health detail or a note."""

from datetime import date, datetime, time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from barriers.services import barrier_change_status
from employment.services import pathway_close
from exits.models import ExitReview
from plans.services import appointment_create, appointment_set_attendance, note_create
from tests.barriers.helpers import identify
from tests.employment.helpers import hire
from tests.exits.helpers import referred_pathway

pytestmark = pytest.mark.django_db

SECRETS = ("hernie", "Port de charges", "Santé", "psychologue", "dépression", "Premier entretien")


def _history(team, referred):
    """What the structure knows and the prescriber must not read: a health barrier with
    its detail, lifted; a note; one appointment attended."""
    person = referred.person
    barrier = identify(
        person, "sante-port-de-charges", team.colleague, team.organization, detail="hernie"
    )
    barrier_change_status(
        barrier=barrier, to_status="lifted", user=team.colleague, organization=team.organization
    )
    note_create(
        person=person,
        text="Premier entretien : suivie par une psychologue pour une dépression.",
        visibility="team",
        author=team.colleague,
        organization=team.organization,
    )
    appointment = appointment_create(
        person=person,
        at=timezone.make_aware(datetime.combine(timezone.localdate(), time(9))),
        subject="Point d'étape",
        organization=team.organization,
        actor=team.colleague,
    )
    appointment_set_attendance(appointment=appointment, attendance="attended", actor=team.colleague)


def _close(team, referred, capture, **extra):
    with capture(execute=True):
        pathway, _ = pathway_close(pathway=referred.pathway, user=team.colleague, **extra)
    return pathway


def test_the_prescriber_gets_the_review_by_email_and_on_the_referral(
    client, team, django_capture_on_commit_callbacks
):
    referred = referred_pathway(team)
    _history(team, referred)
    followed = type("F", (), {"pathway": referred.pathway})
    hire(team, followed, contract_type="CDI", start=date(2026, 1, 5))
    mail.outbox.clear()
    _close(
        team,
        referred,
        django_capture_on_commit_callbacks,
        review_note="Nora a été très régulière ; merci pour l'orientation.",
    )
    review = ExitReview.objects.get(referral=referred.referral)
    assert (review.exit_category, review.exit_reason, review.contract_type) == (
        "durable",
        "cdi",
        "CDI",
    )
    assert (review.appointments_attended, review.barriers_lifted) == (1, 1)
    assert [m.to for m in mail.outbox] == [[referred.prescriber.adviser.email]]
    body = mail.outbox[0].body
    assert "Emploi durable (CDI)" in body and "Freins levés : 1" in body
    assert "très régulière" in body
    client.force_login(referred.prescriber.adviser)
    page = client.get(reverse("referral_detail", args=[referred.referral.pk])).content.decode()
    assert "Bilan de fin de parcours" in page and "Rendez-vous honorés : 1" in page
    listed = client.get(reverse("referral_sent_list")).content.decode()
    assert f"{reverse('referral_detail', args=[referred.referral.pk])}#bilan" in listed
    for secret in SECRETS:
        assert secret.lower() not in body.lower()
        assert secret.lower() not in page.lower()


def test_a_note_with_a_health_detail_is_refused_and_nothing_closes(
    team, django_capture_on_commit_callbacks
):
    referred = referred_pathway(team)
    mail.outbox.clear()
    with pytest.raises(ValidationError, match="santé"):
        _close(
            team,
            referred,
            django_capture_on_commit_callbacks,
            exit_reason="job_seeking",
            review_note="Arrêt maladie depuis mars.",
        )
    referred.pathway.refresh_from_db()
    assert referred.pathway.state == "intake"
    assert not ExitReview.objects.exists() and mail.outbox == []


def test_no_review_without_a_prescriber_who_referred(team, followed):
    pathway_close(pathway=followed.pathway, user=team.colleague, exit_reason="moved_away")
    assert not ExitReview.objects.exists()


def test_the_closing_form_takes_the_note_for_the_prescriber(
    client, team, django_capture_on_commit_callbacks
):
    referred = referred_pathway(team)
    client.force_login(team.colleague)
    person, pathway = referred.person, referred.pathway
    form_url = reverse("pathway_transition", args=[person.pk, pathway.pk])
    assert "Mot pour France Travail Angers" in client.get(form_url).content.decode()
    prefix = f"p{pathway.pk}-transition-"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pathway_transition", args=[person.pk, pathway.pk]),
            {
                prefix + "to_state": "closed",
                prefix + "exit_reason": "training",
                prefix + "review_note": "Entrée en formation d'aide-soignante en mars.",
            },
        )
    assert response.status_code == 302
    assert ExitReview.objects.get().note == "Entrée en formation d'aide-soignante en mars."
    assert "aide-soignante" in mail.outbox[-1].body


def test_the_api_close_sends_the_review_with_its_note(
    client, team, bearer, django_capture_on_commit_callbacks
):
    referred = referred_pathway(team)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/pathways/{referred.pathway.pk}/close",
            {"exit_reason": "other_siae", "review_note": "Embauchée par une EI voisine."},
            content_type="application/json",
            headers=bearer(team.colleague),
        )
    assert response.status_code == 200, response.content
    assert response.json()["review_sent"] is True
    assert ExitReview.objects.get().exit_category == "positive"
