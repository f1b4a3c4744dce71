from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.module_loading import import_string

from notifications.models import NotificationPreference
from notifications.services import preferences_set
from referrals import services
from referrals.enums import ReferralState as S
from referrals.enums import RefusalReason
from scheduling.registry import PERIODIC
from tests.factories.organizations import MembershipFactory
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def prescriber():
    return prescriber_with_adviser()


def _send(prescriber, team, capture):
    with capture(execute=True):
        return send(prescriber, person_of(prescriber), team.organization)


def test_the_new_referral_email_tells_what_to_do_with_the_link(
    team, prescriber, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://parcours.exemple.fr"
    referral = _send(prescriber, team, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.subject == "Nouvelle orientation : Sandrine Lefort"
    assert "France Travail Angers" in message.body and "Sandrine Lefort" in message.body
    assert f"https://parcours.exemple.fr/orientations/{referral.pk}/" in message.body
    assert "&#x27;" not in message.body  # plain text, not HTML-escaped


def test_a_refusal_email_carries_the_reason_to_the_adviser_who_sent_it(
    team, prescriber, django_capture_on_commit_callbacks
):
    MembershipFactory(organization=prescriber.organization)  # a colleague who did not send it
    referral = _send(prescriber, team, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_refuse(
            referral=referral,
            user=team.colleague,
            reason=RefusalReason.SCHEDULE,
            comment="Postes en horaires décalés uniquement",
        )
    assert [m.to for m in mail.outbox] == [[prescriber.adviser.email]]
    body = mail.outbox[0].body
    assert "Motif : Pas de poste adapté aux horaires de la personne" in body
    assert "Postes en horaires décalés uniquement" in body


def test_a_redirection_email_names_the_new_structure(
    team, prescriber, django_capture_on_commit_callbacks
):
    referral = _send(prescriber, team, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_redirect(
            referral=referral, user=team.colleague, to_organization=team.other, comment="Plus près"
        )
    to_prescriber = [m for m in mail.outbox if m.to == [prescriber.adviser.email]]
    assert len(to_prescriber) == 1
    assert "a réorienté Sandrine Lefort vers Structure Étrangère" in to_prescriber[0].body
    assert {m.to[0] for m in mail.outbox if "Nouvelle orientation" in m.subject} == {
        team.stranger.email
    }


def test_an_opted_out_user_gets_nothing_for_that_notice_only(
    team, prescriber, django_capture_on_commit_callbacks
):
    preferences_set(user=team.colleague, by_email={"referral_new": False})
    referral = _send(prescriber, team, django_capture_on_commit_callbacks)
    assert {m.to[0] for m in mail.outbox} == {team.admin.email}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referrals_follow_up(now=referral.sent_at + timedelta(days=7))
    assert {m.to[0] for m in mail.outbox} == {team.admin.email, team.colleague.email}


def test_nobody_opted_in_means_no_email(team, prescriber, django_capture_on_commit_callbacks):
    for user in (team.admin, team.colleague):
        preferences_set(user=user, by_email={"referral_new": False})
    _send(prescriber, team, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_periodic_run_reminds_then_expires_and_tells_the_sender(
    team, prescriber, django_capture_on_commit_callbacks
):
    referral = _send(prescriber, team, django_capture_on_commit_callbacks)
    follow_up = import_string(PERIODIC["referrals.follow_up"][0])
    mail.outbox.clear()
    for days, expected in ((7, 1), (21, 1), (30, 0)):
        with django_capture_on_commit_callbacks(execute=True):
            summary = follow_up(now=referral.sent_at + timedelta(days=days))
        assert summary["reminded"] == expected
    referral.refresh_from_db()
    assert referral.state == S.EXPIRED
    subjects = [(m.to[0], m.subject) for m in mail.outbox]
    assert (
        team.colleague.email,
        "Orientation de Sandrine Lefort en attente de réponse depuis 21 jours",
    ) in subjects
    expired = [m for m in mail.outbox if "expirée" in m.subject]
    assert [m.to for m in expired] == [[prescriber.adviser.email]]
    assert "n'a pas reçu de réponse en 30 jours" in expired[0].body


def test_the_account_page_offers_the_preferences_and_saves_them(client, team):
    client.force_login(team.colleague)
    body = client.get(reverse("api_tokens")).content.decode()
    assert "Notifications par courriel" in body
    assert 'name="referral_new"' in body and "checked" in body
    response = client.post(
        reverse("notification_preferences"),
        {"referral_answered": "on", "referral_expired": "on"},
    )
    assert response.status_code == 302
    chosen = dict(
        NotificationPreference.objects.filter(user=team.colleague).values_list("notice", "by_email")
    )
    assert chosen["referral_new"] is False and chosen["referral_answered"] is True
    assert client.get(reverse("notification_preferences")).status_code == 200


def test_preferences_belong_to_their_user(client, team):
    preferences_set(user=team.colleague, by_email={"referral_new": False})
    client.force_login(team.stranger)
    client.post(reverse("notification_preferences"), {"referral_new": "on"})
    assert NotificationPreference.objects.get(user=team.colleague).by_email is False
