import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from barriers.enums import BarrierStatus
from partner_services.enums import ReferralState
from partner_services.models import ServiceReferral
from partner_services.services import service_referral_send, service_referral_transition
from tests.barriers.helpers import demo_communes, identify, partner_with_service
from timeline.models import Audience, EventKind, TimelineEvent


@pytest.fixture
def setting(team, followed):
    communes = demo_communes()
    barrier = identify(followed.person, "mobilite-sans-vehicule", team.colleague, team.organization)
    partner, partner_user, service = partner_with_service(communes["49353"])
    return barrier, partner, partner_user, service


def _send(team, followed, service, barrier=None, message="Karim a besoin d'une voiture."):
    return service_referral_send(
        person=followed.person,
        service=service,
        barrier=barrier,
        organization=team.organization,
        user=team.colleague,
        message=message,
    )


def test_sending_for_an_identified_barrier_starts_lifting_it(team, followed, setting):
    barrier, _, _, service = setting
    referral = _send(team, followed, service, barrier)
    assert referral.state == ReferralState.SENT
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.BEING_LIFTED
    events = TimelineEvent.objects.filter(kind=EventKind.SERVICE_REFERRAL)
    assert events.get().audience == Audience.TEAM


def test_a_referral_needs_a_message_and_writes_nothing_without(team, followed, setting):
    barrier, _, _, service = setting
    with pytest.raises(ValidationError):
        _send(team, followed, service, barrier, message="  ")
    assert not ServiceReferral.objects.exists()
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.IDENTIFIED


def test_the_partner_accepts_then_marks_done_and_each_move_is_logged(team, followed, setting):
    _, _, partner_user, service = setting
    referral = _send(team, followed, service)
    service_referral_transition(
        referral=referral, to_state=ReferralState.ACCEPTED, user=partner_user
    )
    referral = service_referral_transition(
        referral=referral, to_state=ReferralState.DONE, user=partner_user, comment="Véhicule loué"
    )
    assert referral.state == ReferralState.DONE
    assert [t.to_state for t in referral.transitions.all()] == ["sent", "accepted", "done"]


def test_the_sender_cannot_answer_for_a_partner_on_parcours_but_can_cancel(team, followed, setting):
    _, _, _, service = setting
    referral = _send(team, followed, service)
    with pytest.raises(PermissionDenied):
        service_referral_transition(
            referral=referral, to_state=ReferralState.ACCEPTED, user=team.colleague
        )
    referral = service_referral_transition(
        referral=referral, to_state=ReferralState.CANCELLED, user=team.colleague
    )
    assert referral.state == ReferralState.CANCELLED


def test_a_refusal_needs_a_reason(team, followed, setting):
    _, _, partner_user, service = setting
    referral = _send(team, followed, service)
    with pytest.raises(ValidationError, match="motif"):
        service_referral_transition(
            referral=referral, to_state=ReferralState.REFUSED, user=partner_user
        )
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_a_closed_referral_does_not_move(team, followed, setting):
    _, _, partner_user, service = setting
    referral = _send(team, followed, service)
    service_referral_transition(
        referral=referral, to_state=ReferralState.CANCELLED, user=team.colleague
    )
    with pytest.raises(ValidationError, match="Impossible de passer"):
        service_referral_transition(
            referral=referral, to_state=ReferralState.ACCEPTED, user=partner_user
        )


def test_referrals_are_seen_by_the_team_and_the_partner_only(team, followed, setting):
    _, _, partner_user, service = setting
    referral = _send(team, followed, service)
    assert list(ServiceReferral.objects.visible_to(team.colleague)) == [referral]
    assert list(ServiceReferral.objects.visible_to(partner_user)) == [referral]
    assert not ServiceReferral.objects.visible_to(team.stranger).exists()
    assert not ServiceReferral.objects.visible_to(followed.prescriber_user).exists()


def test_the_partner_inbox_shows_the_name_and_message_not_the_barriers(
    client, team, followed, setting
):
    barrier, _, partner_user, service = setting
    barrier.detail = "détail privé du frein"
    barrier.save()
    _send(team, followed, service, barrier, message="Merci de recevoir Sandrine mardi.")
    client.force_login(partner_user)
    response = client.get("/services/orientations/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sandrine Quintaval" in body and "Merci de recevoir Sandrine mardi." in body
    assert "détail privé du frein" not in body
    assert client.get(f"/personnes/{followed.person.pk}/freins/").status_code in (403, 404)


def test_the_partner_decides_from_the_inbox(client, team, followed, setting):
    _, _, partner_user, service = setting
    referral = _send(team, followed, service)
    client.force_login(partner_user)
    response = client.post(
        f"/services/orientations/{referral.pk}/decision/", {"to_state": "refused", "comment": ""}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT  # a refusal needs its reason
    client.post(
        f"/services/orientations/{referral.pk}/decision/",
        {"to_state": "refused", "refusal_reason": "full", "comment": "Plus de véhicule"},
    )
    referral.refresh_from_db()
    assert referral.state == ReferralState.REFUSED
    assert referral.refusal_reason == "full"
    assert referral.answer_comment == "Plus de véhicule"


def test_the_sender_refers_from_the_person_page(client, team, followed, setting):
    barrier, _, _, service = setting
    client.force_login(team.colleague)
    url = f"/personnes/{followed.person.pk}/services/{service.pk}/orienter/"
    assert client.get(url, {"frein": barrier.pk}).status_code == 200
    response = client.post(url, {"barrier": barrier.pk, "message": ""})
    assert response.status_code == 400
    assert "Écrivez un message au service." in response.content.decode()
    response = client.post(url, {"barrier": barrier.pk, "message": "Besoin d'un véhicule"})
    assert response.status_code == 302
    tab = client.get(f"/personnes/{followed.person.pk}/freins/").content.decode()
    assert "Envoyée" in tab and service.name in tab


def test_the_inbox_costs_a_fixed_number_of_queries(
    client, team, followed, setting, django_assert_max_num_queries
):
    _, _, partner_user, service = setting
    from tests.factories.persons import PersonFactory

    for _ in range(8):
        person = PersonFactory(created_by_organization=team.organization)
        service_referral_send(
            person=person,
            service=service,
            organization=team.organization,
            user=team.colleague,
            message="Bonjour",
        )
    client.force_login(partner_user)
    with django_assert_max_num_queries(14):
        assert client.get("/services/orientations/").status_code == 200


def test_the_partners_answer_is_credited_to_the_partner_and_a_cancel_to_the_sender(
    team, followed, setting
):
    _, partner, partner_user, service = setting
    referral = _send(team, followed, service)
    service_referral_transition(
        referral=referral, to_state=ReferralState.ACCEPTED, user=partner_user
    )
    answered = TimelineEvent.objects.filter(kind=EventKind.SERVICE_REFERRAL).latest("id")
    assert (answered.organization, answered.actor) == (partner, partner_user)
    service_referral_transition(
        referral=referral, to_state=ReferralState.CANCELLED, user=team.colleague
    )
    cancelled = TimelineEvent.objects.filter(kind=EventKind.SERVICE_REFERRAL).latest("id")
    assert (cancelled.organization, cancelled.actor) == (team.organization, team.colleague)
