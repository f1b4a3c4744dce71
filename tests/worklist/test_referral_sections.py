"""« À traiter » holds the referrals to act on: those received and waiting for an answer
(with their age), the service referrals waiting for the partner and the partners'
answers for the sender, and, for the partner, those its services must answer; each line
links to where it is done."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partner_services.enums import ReferralState
from partner_services.models import ServiceReferral
from partner_services.selectors import answered_lately, to_answer, waiting_on_partners
from partner_services.services import service_referral_transition
from referrals.models import Referral
from tests.barriers.helpers import demo_communes, partner_with_service
from tests.partner_services.helpers import send, service_without_account
from tests.referrals.helpers import person_of, prescriber_with_adviser
from tests.referrals.helpers import send as refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def garage(team, followed):
    organization, member, service = partner_with_service(demo_communes()["49353"])
    return organization, member, service


def test_the_sender_sees_what_waits_for_a_partner_then_its_answer(
    client, team, followed, garage, django_capture_on_commit_callbacks
):
    organization, member, service = garage
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    ServiceReferral.objects.filter(pk=referral.pk).update(
        created_at=timezone.now() - timedelta(days=9)
    )
    assert list(waiting_on_partners(team.colleague, team.organization)) == [referral]
    client.force_login(team.colleague)
    body = client.get(reverse("worklist")).content.decode()
    assert "Orientations vers des services en attente du partenaire (1)" in body
    assert "1\xa0semaine" in body and "Garage solidaire" in body
    assert reverse("person_barriers", kwargs={"person_pk": followed.person.pk}) in body
    service_referral_transition(
        referral=referral, to_state=ReferralState.REFUSED, user=member, refusal_reason="full"
    )
    assert not waiting_on_partners(team.colleague, team.organization).exists()
    body = client.get(reverse("worklist")).content.decode()
    assert "Réponses des services partenaires, ces 14 derniers jours (1)" in body
    assert "Motif : Plus de place" in body


def test_an_answer_leaves_the_senders_list_after_14_days(
    team, followed, garage, django_capture_on_commit_callbacks
):
    _, member, service = garage
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    service_referral_transition(referral=referral, to_state=ReferralState.ACCEPTED, user=member)
    assert list(answered_lately(team.colleague, team.organization)) == [referral]
    later = timezone.now() + timedelta(days=15)
    assert not answered_lately(team.colleague, team.organization, now=later).exists()


def test_the_sender_lists_only_the_people_it_still_follows(
    team, followed, garage, django_capture_on_commit_callbacks
):
    _, _, service = garage
    send(team, followed.person, service, django_capture_on_commit_callbacks)
    assert waiting_on_partners(team.colleague, team.organization).exists()
    assert not waiting_on_partners(team.stranger, team.organization).exists()


def test_the_partner_organization_has_a_worklist_of_what_to_answer(
    client, team, followed, garage, django_capture_on_commit_callbacks
):
    organization, member, service = garage
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    # A referral to another service is not this partner's to answer.
    send(
        team,
        followed.person,
        service_without_account(demo_communes()["49007"]),
        django_capture_on_commit_callbacks,
    )
    assert list(to_answer(organization)) == [referral]
    client.force_login(member)
    home = client.get(reverse("home")).content.decode()
    assert "À traiter</a>" in home and "Orientations vers nos services</a>" in home
    body = client.get(reverse("worklist")).content.decode()
    assert "Orientations vers vos services à traiter (1)" in body
    assert reverse("service_referral_detail", args=[referral.pk]) in body
    assert ">Répondre<" in body and "PASS IAE" not in body
    service_referral_transition(referral=referral, to_state=ReferralState.ACCEPTED, user=member)
    body = client.get(reverse("worklist")).content.decode()
    assert "Indiquer la réalisation" in body
    service_referral_transition(referral=referral, to_state=ReferralState.DONE, user=member)
    body = client.get(reverse("worklist")).content.decode()
    assert "Orientations vers vos services à traiter (0)" in body


def test_the_structure_sees_referrals_received_waiting_with_their_age(client, team):
    prescriber = prescriber_with_adviser()
    referral = refer(prescriber, person_of(prescriber, last_name="Orientée"), team.organization)
    Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - timedelta(days=8))
    client.force_login(team.colleague)
    body = client.get(reverse("worklist")).content.decode()
    assert "Orientations reçues en attente de réponse (1)" in body
    assert "Orientée" in body and "1\xa0semaine" in body
    assert reverse("referral_detail", args=[referral.pk]) in body
    client.force_login(team.stranger)
    assert "Orientée" not in client.get(reverse("worklist")).content.decode()
