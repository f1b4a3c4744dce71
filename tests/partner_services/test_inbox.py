"""The partner organization's inbox and the page of one referral: sorted by age,
filtered by state, paginated; the answer given there; and the wall: a partner sees the
referrals sent to its own services only, and never the person's barriers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partner_services.enums import ReferralState
from partner_services.models import ServiceReferral
from partner_services.services import service_referral_transition
from persons.services import person_create
from tests.barriers.helpers import demo_communes, identify, partner_with_service
from tests.partner_services.helpers import send


@pytest.fixture
def partner(team, followed):
    communes = demo_communes()
    organization, member, service = partner_with_service(communes["49353"])
    other_org, other_member, other_service = partner_with_service(
        communes["49007"], name="Auto-école sociale"
    )
    return member, service, other_member, other_service


def _person(team, first_name):
    return person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": first_name, "last_name": "Testeur"},
    )


def _aged(referral, days):
    ServiceReferral.objects.filter(pk=referral.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_the_inbox_puts_what_waits_first_the_oldest_at_the_top(
    client, team, followed, partner, django_capture_on_commit_callbacks
):
    member, service, _, _ = partner
    capture = django_capture_on_commit_callbacks
    recent = send(team, _person(team, "Récente"), service, capture)
    old = send(team, _person(team, "Ancienne"), service, capture)
    answered = send(team, _person(team, "Répondue"), service, capture)
    _aged(old, 20)
    _aged(answered, 40)
    service_referral_transition(
        referral=answered, to_state=ReferralState.REFUSED, user=member, refusal_reason="full"
    )
    client.force_login(member)
    body = client.get("/services/orientations/").content.decode()
    assert body.index("Ancienne") < body.index("Récente") < body.index("Répondue")
    assert "semaines" in body  # the age is shown
    body = client.get("/services/orientations/", {"tri": "recentes"}).content.decode()
    assert body.index("Récente") < body.index("Ancienne") < body.index("Répondue")
    body = client.get("/services/orientations/", {"etat": "refused"}).content.decode()
    assert "Répondue" in body and "Ancienne" not in body
    assert "Plus de place" in body
    assert recent.pk  # sent, waiting


def test_the_inbox_pages_by_25(client, team, followed, partner, django_capture_on_commit_callbacks):
    member, service, _, _ = partner
    for index in range(26):
        send(
            team, _person(team, f"Personne{index:02d}"), service, django_capture_on_commit_callbacks
        )
    client.force_login(member)
    first = client.get("/services/orientations/").content.decode()
    second = client.get("/services/orientations/", {"page": 2}).content.decode()
    assert first.count("Répondre<span") == 25 and second.count("Répondre<span") == 1
    assert "1 / 2" in first


def test_the_partner_answers_on_the_referral_page_and_a_bad_answer_keeps_what_was_typed(
    client, team, followed, partner, django_capture_on_commit_callbacks
):
    member, service, _, _ = partner
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    client.force_login(member)
    url = f"/services/orientations/{referral.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and "une solution de garde" in response.content.decode()
    response = client.post(url, {"to_state": "refused", "refusal_reason": "other", "comment": ""})
    assert response.status_code == 400
    assert "Précisez le motif du refus." in response.content.decode()
    response = client.post(url, {"to_state": "done"})
    assert response.status_code == 400  # not accepted yet: not offered
    response = client.post(url, {"to_state": "accepted", "comment": "Rendez-vous mardi"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    response = client.post(url, {"to_state": "done", "done_on": "32/13/2026"})
    assert response.status_code == 400 and "date valide" in response.content.decode()


def test_a_partner_sees_only_the_referrals_sent_to_its_services(
    client, team, followed, partner, django_capture_on_commit_callbacks, bearer
):
    member, service, other_member, other_service = partner
    mine = send(team, followed.person, service, django_capture_on_commit_callbacks)
    client.force_login(other_member)
    assert "Quintaval" not in client.get("/services/orientations/").content.decode()
    assert client.get(f"/services/orientations/{mine.pk}/").status_code == 404
    response = client.post(f"/services/orientations/{mine.pk}/", {"to_state": "accepted"})
    assert response.status_code == 404
    response = client.get("/api/v1/service-referrals/inbox", headers=bearer(other_member))
    assert response.json()["count"] == 0
    mine.refresh_from_db()
    assert mine.state == ReferralState.SENT


def test_the_partner_never_sees_the_barriers_only_the_need(
    client, team, followed, partner, django_capture_on_commit_callbacks
):
    member, service, _, _ = partner
    barrier = identify(
        followed.person,
        "mobilite-sans-vehicule",
        team.colleague,
        team.organization,
        detail="détail-privé-du-frein",
    )
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    ServiceReferral.objects.filter(pk=referral.pk).update(barrier=barrier)
    client.force_login(member)
    for url in ("/services/orientations/", f"/services/orientations/{referral.pk}/", "/a-traiter/"):
        body = client.get(url).content.decode()
        assert "Quintaval" in body and "détail-privé-du-frein" not in body, url
        assert followed.person.email not in body


def test_the_sender_sees_the_answer_on_the_persons_tab(
    client, team, followed, partner, django_capture_on_commit_callbacks
):
    member, service, _, _ = partner
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    service_referral_transition(
        referral=referral,
        to_state=ReferralState.REFUSED,
        user=member,
        refusal_reason="out_of_area",
        comment="Voyez l'auto-école de Trélazé.",
    )
    client.force_login(team.colleague)
    body = client.get(f"/personnes/{followed.person.pk}/freins/").content.decode()
    assert "Motif : Hors de notre territoire" in body
    assert "Voyez l&#x27;auto-école de Trélazé." in body
