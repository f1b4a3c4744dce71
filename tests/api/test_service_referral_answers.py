"""The partner's side of service referrals in the API: its inbox, its answer (reasons,
date), and the signed link's endpoints for a service without an account; 4xx in French
on bad input."""

from unittest import mock

import pytest
from django.core import mail, signing

from partner_services import links
from partner_services.enums import ReferralState
from tests.barriers.helpers import demo_communes, partner_with_service
from tests.partner_services.helpers import (
    emails_to,
    link_in,
    send,
    service_without_account,
)


@pytest.fixture
def partner(team, followed):
    _, member, service = partner_with_service(demo_communes()["49353"])
    return member, service


def test_the_partner_lists_its_inbox_and_answers(
    client, team, followed, partner, bearer, django_capture_on_commit_callbacks
):
    member, service = partner
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    headers = bearer(member)
    body = client.get("/api/v1/service-referrals/inbox", headers=headers).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["person_name"] == "Sandrine Quintaval" and item["barrier_id"] is None
    assert (
        client.get("/api/v1/service-referrals/inbox", {"state": "done"}, headers=headers).json()[
            "count"
        ]
        == 0
    )
    url = f"/api/v1/service-referrals/{referral.pk}/transition"
    response = client.post(
        url,
        {"state": "refused", "refusal_reason": "not_our_public", "comment": "Public jeune"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["refusal_reason_label"].startswith("La personne ne relève")
    assert response.json()["answer_comment"] == "Public jeune"


def test_the_inbox_and_the_answer_refuse_bad_input_in_french(
    client, team, followed, partner, bearer, django_capture_on_commit_callbacks
):
    member, service = partner
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    headers = bearer(member)
    response = client.get("/api/v1/service-referrals/inbox", {"state": "x"}, headers=headers)
    assert response.status_code == 422
    response = client.get(
        "/api/v1/service-referrals/inbox",
        {"organization_id": team.organization.pk},
        headers=headers,
    )
    assert response.status_code == 404
    url = f"/api/v1/service-referrals/{referral.pk}/transition"
    response = client.post(
        url,
        {"state": "refused", "refusal_reason": "other"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400 and "Précisez" in response.json()["detail"]
    response = client.post(
        url,
        {"state": "accepted", "done_on": "demain"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    response = client.post(url, {"state": "done"}, content_type="application/json", headers=headers)
    assert response.status_code == 400  # accept first


def test_a_service_without_an_account_reads_and_answers_through_its_link(
    client, team, followed, django_capture_on_commit_callbacks
):
    service = service_without_account(demo_communes()["49353"])
    mail.outbox.clear()
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    token = link_in(emails_to("accueil@creche.exemple.fr")[0]).rstrip("/").split("/")[-1]
    url = f"/api/v1/service-referral-links/{token}"
    body = client.get(url).json()
    assert body["person_name"] == "Sandrine Quintaval"
    assert body["answers"] == ["accepted", "refused"]
    assert "person_id" not in body and "barrier_id" not in body
    response = client.post(f"{url}/answer", {"state": "cancelled"}, content_type="application/json")
    assert response.status_code == 422
    response = client.post(f"{url}/answer", {"state": "refused"}, content_type="application/json")
    assert response.status_code == 400 and "motif" in response.json()["detail"]
    response = client.post(
        f"{url}/answer",
        {"state": "accepted", "comment": "Place le 12"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["state"] == ReferralState.ACCEPTED
    assert response.json()["answers"] == ["done"]
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED


def test_the_link_endpoints_refuse_a_bad_or_expired_token(
    client, team, followed, django_capture_on_commit_callbacks
):
    service = service_without_account(demo_communes()["49353"])
    referral = send(team, followed.person, service, django_capture_on_commit_callbacks)
    assert client.get("/api/v1/service-referral-links/jeton").status_code == 404
    forged = signing.dumps({"referral": referral.pk, "sent": "x"}, salt=links.LINK.salt)
    response = client.post(
        f"/api/v1/service-referral-links/{forged}/answer",
        {"state": "accepted"},
        content_type="application/json",
    )
    assert response.status_code == 410  # genuine signature, but not the newest sending
    token = links.token_for(referral)
    later = signing.time.time() + (links.LINK_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(
            f"/api/v1/service-referral-links/{token}/answer",
            {"state": "accepted"},
            content_type="application/json",
        )
    assert response.status_code == 410 and "expiré" in response.json()["detail"]
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
