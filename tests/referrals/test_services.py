from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from organizations.enums import OrganizationKind
from pathways.models import Pathway
from persons.access import Level, access_level
from persons.services import person_create
from referrals import services
from referrals.enums import ReferralState as S
from referrals.enums import RefusalReason
from referrals.models import Referral
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from timeline.models import Audience, TimelineEvent


@pytest.fixture
def prescription(team):
    """A France Travail adviser refers a person to the team's structure."""
    prescriber = OrganizationFactory(kind=OrganizationKind.FRANCE_TRAVAIL)
    adviser = MembershipFactory(organization=prescriber).user
    person = person_create(
        organization=prescriber,
        user=adviser,
        data={"first_name": "Sandrine", "last_name": "Lefort"},
    )
    return prescriber, adviser, person


def _send(team, prescription, django_capture_on_commit_callbacks, **extra):
    prescriber, adviser, person = prescription
    with django_capture_on_commit_callbacks(execute=True):
        return services.referral_create(
            person=person,
            to_organization=team.organization,
            motivation="Projet dans le nettoyage, disponible tout de suite.",
            from_organization=prescriber,
            from_user=adviser,
            **extra,
        )


def test_a_sent_referral_notifies_the_structure(
    team, prescription, django_capture_on_commit_callbacks
):
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    assert referral.state == S.SENT and referral.sent_at is not None
    recipients = {message.to[0] for message in mail.outbox}
    assert recipients == {team.admin.email, team.colleague.email}
    assert [t.to_state for t in referral.transitions.all()] == [S.DRAFT, S.SENT]


def test_accepting_opens_the_pathway_and_the_prescriber_sees_milestones(
    team, prescription, django_capture_on_commit_callbacks
):
    prescriber, adviser, person = prescription
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    services.referral_mark_seen(referral=referral, user=team.colleague)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, user=team.colleague)
    referral.refresh_from_db()
    assert referral.state == S.ACCEPTED and referral.seen_at and referral.answered_at
    pathway = Pathway.objects.get(person=person, organization=team.organization)
    assert referral.pathway == pathway and pathway.prescriber_organization == prescriber
    assert access_level(team.colleague, person) == Level.TEAM
    assert access_level(adviser, person) == Level.MILESTONES
    assert mail.outbox[-1].to == [adviser.email]
    assert "acceptée" in mail.outbox[-1].subject
    milestones = TimelineEvent.objects.filter(person=person, audience=Audience.MILESTONE)
    assert any("acceptée" in event.title for event in milestones)


def test_a_refusal_carries_its_reason_back(team, prescription, django_capture_on_commit_callbacks):
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="motif"):
        services.referral_refuse(referral=referral, user=team.colleague, reason="")
    services.referral_refuse(
        referral=referral, user=team.colleague, reason=RefusalReason.SCHEDULE, comment="Horaires"
    )
    referral.refresh_from_db()
    assert referral.state == S.REFUSED
    assert (
        referral.get_refusal_reason_display() == "Pas de poste adapté aux horaires de la personne"
    )


def test_a_second_open_referral_to_the_same_structure_is_refused(
    team, prescription, django_capture_on_commit_callbacks
):
    _send(team, prescription, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="déjà une orientation en cours"):
        _send(team, prescription, django_capture_on_commit_callbacks)
    assert Referral.objects.count() == 1


def test_redirecting_keeps_the_sender_and_the_history(
    team, prescription, django_capture_on_commit_callbacks
):
    prescriber, adviser, person = prescription
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    services.referral_redirect(
        referral=referral,
        user=team.colleague,
        to_organization=team.other,
        comment="Plus adapté au projet",
    )
    referral.refresh_from_db()
    new = referral.redirected_to
    assert referral.state == S.REDIRECTED
    assert new.state == S.SENT and new.to_organization == team.other
    assert new.from_organization == prescriber and new.from_user == adviser


def test_the_prescriber_withdraws_and_a_final_state_stays_final(
    team, prescription, django_capture_on_commit_callbacks
):
    prescriber, adviser, person = prescription
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    services.referral_withdraw(referral=referral, user=adviser)
    with pytest.raises(ValidationError, match="retirée"):
        services.referral_accept(referral=referral, user=team.colleague)


def test_reminders_at_7_and_21_days_then_expiry_at_30(
    team, prescription, django_capture_on_commit_callbacks
):
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    sent = referral.sent_at
    mail.outbox.clear()

    def follow_up(days):
        with django_capture_on_commit_callbacks(execute=True):
            return services.referrals_follow_up(now=sent + timedelta(days=days))

    assert follow_up(6) == {"expired": 0, "reminded": 0}
    assert follow_up(7) == {"expired": 0, "reminded": 1}
    assert follow_up(8) == {"expired": 0, "reminded": 0}  # once only
    assert follow_up(21) == {"expired": 0, "reminded": 1}
    assert follow_up(30) == {"expired": 1, "reminded": 0}
    referral.refresh_from_db()
    assert referral.state == S.EXPIRED
    assert follow_up(31) == {"expired": 0, "reminded": 0}
    subjects = [message.subject for message in mail.outbox]
    assert any("expirée" in subject for subject in subjects)
    assert sum("en attente" in subject for subject in subjects) == 4  # 2 reminders × 2 members


def test_an_answered_referral_is_neither_reminded_nor_expired(
    team, prescription, django_capture_on_commit_callbacks
):
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    services.referral_accept(referral=referral, user=team.colleague)
    later = timezone.now() + timedelta(days=40)
    assert services.referrals_follow_up(now=later) == {"expired": 0, "reminded": 0}


def test_an_expiry_run_leaves_alone_a_referral_answered_after_it_was_read(
    team, prescription, django_capture_on_commit_callbacks, monkeypatch
):
    """The run reads what is due, then expires each: an answer given in between stands."""
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    later = referral.sent_at + timedelta(days=31)
    due = services.referrals_due(later)
    services.referral_accept(referral=referral, user=team.colleague)
    monkeypatch.setattr(services, "referrals_due", lambda now: due)
    assert services.referrals_follow_up(now=later) == {"expired": 0, "reminded": 0}
    referral.refresh_from_db()
    assert referral.state == S.ACCEPTED
    assert [t.to_state for t in referral.transitions.all()] == [S.DRAFT, S.SENT, S.ACCEPTED]


def test_both_reminders_due_in_one_run_are_both_recorded(
    team, prescription, django_capture_on_commit_callbacks
):
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    counts = services.referrals_follow_up(now=referral.sent_at + timedelta(days=22))
    referral.refresh_from_db()
    assert counts == {"expired": 0, "reminded": 2}
    assert set(referral.reminded_at) == {"7", "21"}
    assert services.referrals_follow_up(now=referral.sent_at + timedelta(days=23)) == {
        "expired": 0,
        "reminded": 0,
    }


def test_each_side_of_a_referral_is_credited_with_what_it_did(
    team, prescription, django_capture_on_commit_callbacks
):
    prescriber, _, person = prescription
    referral = _send(team, prescription, django_capture_on_commit_callbacks)
    sent = TimelineEvent.objects.get(person=person, title__startswith="Orientée vers")
    assert sent.organization == prescriber
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, user=team.colleague)
    accepted = TimelineEvent.objects.get(person=person, title__contains="acceptée")
    assert accepted.organization == team.organization
