"""The signed link emailed to a service without an account: what it shows (the person's
name and the need, nothing else of their file), the answer it takes, and the links that
do not work (tampered, made up, expired, replaced, already answered)."""

from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone

from audit.models import SensitiveRead
from partner_services import links
from partner_services.enums import ReferralState
from partner_services.services import service_referral_transition
from tests.barriers.helpers import demo_communes, identify
from tests.partner_services.helpers import (
    emails_to,
    link_in,
    path_of,
    send,
    service_without_account,
)
from timeline.models import EventKind, TimelineEvent


@pytest.fixture
def sent(team, followed, django_capture_on_commit_callbacks):
    """A referral to a service without an account, and the path of its emailed link."""
    communes = demo_communes()
    identify(
        followed.person,
        "sante-port-de-charges",
        team.colleague,
        team.organization,
        detail="Hernie discale : détail-de-santé-privé",
    )
    service = service_without_account(communes["49353"])
    mail.outbox.clear()
    referral = send(
        team,
        followed.person,
        service,
        django_capture_on_commit_callbacks,
        message="Sandrine reprend un emploi le 12 : une place pour sa fille de 2 ans ?",
    )
    [email] = emails_to("accueil@creche.exemple.fr")
    return referral, path_of(link_in(email))


def test_the_link_shows_the_name_and_the_need_and_nothing_else(client, followed, sent):
    referral, path = sent
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sandrine Quintaval" in body and "une place pour sa fille de 2 ans" in body
    assert "détail-de-santé-privé" not in body and "Port de charges" not in body
    assert followed.person.email not in body
    assert SensitiveRead.objects.filter(person=followed.person).exists()


def test_the_service_accepts_then_says_when_it_was_done_through_the_link(
    client, team, followed, sent, django_capture_on_commit_callbacks
):
    referral, path = sent
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"to_state": "accepted", "comment": "Place le 12."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED and referral.answer_comment == "Place le 12."
    assert "accueil@creche.exemple.fr" in referral.transitions.last().comment
    assert referral.transitions.last().by is None
    [email] = emails_to(team.colleague.email)
    assert "a accepté" in email.body
    today = timezone.localdate()
    response = client.post(path, {"to_state": "done", "done_on": today.isoformat()})
    referral.refresh_from_db()
    assert referral.state == ReferralState.DONE and referral.done_on == today
    assert TimelineEvent.objects.filter(
        person=followed.person, kind=EventKind.SERVICE_REFERRAL, title__contains="réalisée le"
    ).exists()


def test_a_refusal_through_the_link_needs_its_reason_and_keeps_what_was_typed(client, sent):
    referral, path = sent
    response = client.post(path, {"to_state": "refused", "comment": "Nous sommes complets"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choisissez le motif du refus." in body and "Nous sommes complets" in body
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
    client.post(path, {"to_state": "refused", "refusal_reason": "full"})
    referral.refresh_from_db()
    assert referral.state == ReferralState.REFUSED and referral.refusal_reason == "full"


def test_an_answered_referral_reads_as_closed_and_takes_no_other_answer(client, team, sent):
    referral, path = sent
    client.post(path, {"to_state": "refused", "refusal_reason": "full"})
    body = client.get(path).content.decode()
    assert "Cette orientation est close : refusée" in body and "Envoyer ma réponse" not in body
    response = client.post(path, {"to_state": "accepted"})
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.state == ReferralState.REFUSED


def test_a_tampered_or_made_up_link_is_not_found(client, sent):
    referral, path = sent
    token = path.rstrip("/").split("/")[-1]
    forged = signing.dumps({"referral": referral.pk, "sent": "x"}, salt="autre")
    other_purpose = signing.dumps(
        {"referral": referral.pk, "sent": referral.link_sent_at.isoformat()},
        salt="offers.introduction-link",
    )
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, forged, other_purpose, "jeton"):
        response = client.get(f"/partenaire/orientation/{bad}/")
        assert response.status_code == 404
        assert "Sandrine" not in response.content.decode()
        assert (
            client.post(f"/partenaire/orientation/{bad}/", {"to_state": "accepted"}).status_code
            == 404
        )
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_an_expired_or_replaced_link_says_so_and_names_the_team(client, team, sent):
    referral, path = sent
    later = signing.time.time() + (links.LINK_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(path)
        assert client.post(path, {"to_state": "accepted"}).status_code == 410
    assert response.status_code == 410
    body = response.content.decode()
    assert team.organization.name in body and "Sandrine" not in body
    referral.link_sent_at = timezone.now()
    referral.save(update_fields=["link_sent_at"])
    assert client.get(path).status_code == 410
    assert client.get(f"/partenaire/orientation/{links.token_for(referral)}/").status_code == 200
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_the_link_answers_for_the_service_only_never_cancels(client, team, sent):
    referral, path = sent
    response = client.post(path, {"to_state": "cancelled"})
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
    service_referral_transition(
        referral=referral, to_state=ReferralState.CANCELLED, user=team.colleague
    )
    assert "Cette orientation est close : annulée" in client.get(path).content.decode()
