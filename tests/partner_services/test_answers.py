"""The partner's answer to a service referral: the reasons of a refusal, the date it was
done, what is logged, and the emails both ways (preferences respected)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from notifications.services import preferences_set
from partner_services.enums import ReferralState, RefusalReason
from partner_services.services import service_referral_transition
from tests.barriers.helpers import demo_communes, partner_with_service
from tests.factories.organizations import MembershipFactory
from tests.partner_services.helpers import emails_to, send, service_without_account
from timeline.models import EventKind, TimelineEvent


@pytest.fixture
def partner(team, followed):
    _, member, service = partner_with_service(demo_communes()["49353"])
    return member, service


def test_the_partner_members_are_emailed_a_new_referral_but_not_who_opted_out(
    team, followed, partner, django_capture_on_commit_callbacks
):
    member, service = partner
    quiet = MembershipFactory(organization=service.organization).user
    preferences_set(user=quiet, by_email={"service_referral_new": False})
    mail.outbox.clear()
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    [email] = emails_to(member.email)
    assert not emails_to(quiet.email)
    assert "Sandrine Q." in email.subject and "Quintaval" not in email.body
    assert f"/services/orientations/{referral.pk}/" in email.body
    assert "Besoin d'une solution de garde" not in email.body  # the need is behind sign-in


def test_a_service_without_an_account_is_emailed_a_link(
    team, followed, django_capture_on_commit_callbacks
):
    service = service_without_account(demo_communes()["49353"])
    mail.outbox.clear()
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    assert referral.link_sent_to == "accueil@creche.exemple.fr"
    [email] = emails_to("accueil@creche.exemple.fr")
    assert "/partenaire/orientation/" in email.body and "sans créer de compte" in email.body


def test_a_service_whose_organization_has_no_active_member_answers_through_a_link(
    team, followed, partner, django_capture_on_commit_callbacks
):
    member, service = partner
    service.contact_email = "garage@exemple.fr"
    service.save()
    member.memberships.update(is_active=False)
    mail.outbox.clear()
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    assert referral.link_sent_to == "garage@exemple.fr"
    [email] = mail.outbox
    assert email.to == ["garage@exemple.fr"] and "/partenaire/orientation/" in email.body


def test_a_service_with_neither_account_nor_address_gets_nothing_and_the_team_is_told(
    client, team, followed, django_capture_on_commit_callbacks
):
    service = service_without_account(demo_communes()["49353"], email="")
    mail.outbox.clear()
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    assert referral.link_sent_to == "" and not mail.outbox
    client.force_login(team.colleague)
    body = client.get(f"/personnes/{followed.person.pk}/freins/").content.decode()
    assert "Service sans compte ni adresse" in body


def test_a_refusal_takes_a_reason_from_the_list_and_other_needs_words(
    team, followed, partner, django_capture_on_commit_callbacks
):
    member, service = partner
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="dans la liste"):
        service_referral_transition(
            referral=referral, to_state=ReferralState.REFUSED, user=member, refusal_reason="x"
        )
    with pytest.raises(ValidationError, match="Précisez"):
        service_referral_transition(
            referral=referral,
            to_state=ReferralState.REFUSED,
            user=member,
            refusal_reason=RefusalReason.OTHER,
        )
    referral = service_referral_transition(
        referral=referral,
        to_state=ReferralState.REFUSED,
        user=member,
        refusal_reason=RefusalReason.OUT_OF_AREA,
    )
    assert referral.refusal_reason == RefusalReason.OUT_OF_AREA
    assert referral.answered_at is not None


def test_done_is_dated_today_by_default_and_never_in_the_future(
    team, followed, partner, django_capture_on_commit_callbacks
):
    member, service = partner
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    service_referral_transition(referral=referral, to_state=ReferralState.ACCEPTED, user=member)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="à venir"):
        service_referral_transition(
            referral=referral, to_state=ReferralState.DONE, user=member, done_on=tomorrow
        )
    with pytest.raises(ValidationError, match="précéder"):
        service_referral_transition(
            referral=referral,
            to_state=ReferralState.DONE,
            user=member,
            done_on=timezone.localdate() - timedelta(days=3),
        )
    referral = service_referral_transition(
        referral=referral, to_state=ReferralState.DONE, user=member
    )
    assert referral.done_on == timezone.localdate()


def test_each_answer_is_audited_put_on_the_timeline_and_emailed_to_the_sender(
    team, followed, partner, django_capture_on_commit_callbacks
):
    member, service = partner
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service_referral_transition(
            referral=referral,
            to_state=ReferralState.REFUSED,
            user=member,
            refusal_reason=RefusalReason.FULL,
            comment="Rappelez dans un mois.",
        )
    [email] = emails_to(team.colleague.email)
    assert "refusé" in email.body and "Plus de place" in email.body
    assert "Rappelez dans un mois." in email.body
    titles = list(
        TimelineEvent.objects.filter(
            person=followed.person, kind=EventKind.SERVICE_REFERRAL
        ).values_list("title", flat=True)
    )
    assert any("refusée (Plus de place" in title for title in titles)
    changed = [entry.changes for entry in AuditEntry.objects.for_object(referral)]
    assert any("state" in changes and "refusal_reason" in changes for changes in changed)
    assert [t.to_state for t in referral.transitions.all()] == ["sent", "refused"]


def test_the_sender_who_opted_out_hears_nothing_and_a_cancellation_emails_nobody(
    team, followed, partner, django_capture_on_commit_callbacks
):
    member, service = partner
    preferences_set(user=team.colleague, by_email={"service_referral_answered": False})
    first = send(team, followed.person, service, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service_referral_transition(referral=first, to_state=ReferralState.ACCEPTED, user=member)
        service_referral_transition(
            referral=first, to_state=ReferralState.CANCELLED, user=team.colleague
        )
    assert not mail.outbox
