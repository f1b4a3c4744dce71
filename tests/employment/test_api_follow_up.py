"""The follow-up in the API: the team's list of checkpoint sides and the link sent from
it; the employer's answer, public, the token in the path, with the page's checks."""

from unittest import mock

import pytest
from django.core import signing
from django.utils import timezone

from employment import employer_link, services
from employment.enums import Side, Step
from employment.followup import EMPLOYER_LINK_DAYS
from employment.models import Alert, CheckpointSide
from tests.employment.helpers import hire

pytestmark = pytest.mark.django_db

CONTACT = "cheffe.equipe@boulangerie.example"


def _employer_side(contract) -> CheckpointSide:
    return CheckpointSide.objects.get(
        checkpoint__contract=contract, checkpoint__step=Step.WEEK_1, side=Side.EMPLOYER
    )


@pytest.fixture
def contract(team, followed):
    return hire(team, followed)


def test_the_team_lists_both_sides_of_every_checkpoint(client, team, contract, bearer):
    response = client.get(
        f"/api/v1/contracts/{contract.pk}/checkpoint-sides", headers=bearer(team.colleague)
    )
    assert response.status_code == 200
    rows = response.json()
    assert [(r["step"], r["side"]) for r in rows[:2]] == [
        ("week_1", "employee"),
        ("week_1", "employer"),
    ]
    assert len(rows) == 2 * contract.checkpoints.count()
    stranger = client.get(
        f"/api/v1/contracts/{contract.pk}/checkpoint-sides", headers=bearer(team.stranger)
    )
    assert stranger.status_code == 404


def test_the_team_sends_the_link_through_the_api(client, team, contract, bearer):
    side = _employer_side(contract)
    url = f"/api/v1/contracts/{contract.pk}/checkpoint-sides/{side.pk}/employer-link"
    refused = client.post(
        url, {"email": ""}, content_type="application/json", headers=bearer(team.colleague)
    )
    assert refused.status_code == 400 and "adresse électronique" in refused.json()["detail"]
    response = client.post(
        url, {"email": CONTACT}, content_type="application/json", headers=bearer(team.colleague)
    )
    assert response.status_code == 200, response.content
    assert response.json()["link_sent_to"] == CONTACT
    employee = CheckpointSide.objects.get(checkpoint=side.checkpoint, side=Side.EMPLOYEE)
    other = f"/api/v1/contracts/{contract.pk}/checkpoint-sides/{employee.pk}/employer-link"
    response = client.post(
        other, {"email": CONTACT}, content_type="application/json", headers=bearer(team.colleague)
    )
    assert response.status_code == 400


def test_the_counsellor_cannot_type_the_link_channel(client, team, contract, bearer):
    side = _employer_side(contract)
    response = client.put(
        f"/api/v1/contracts/{contract.pk}/checkpoint-sides/{side.pk}",
        {"done_on": "2026-01-12", "channel": "link", "how_it_goes": "well"},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 422


@pytest.fixture
def token(team, contract):
    side = services.employer_link_send(
        side=_employer_side(contract), user=team.colleague, email=CONTACT
    )
    return employer_link.token_for(side)


def test_the_employer_reads_and_answers_without_a_token_of_the_api(client, token, followed):
    url = f"/api/v1/follow-up-links/{token}"
    read = client.get(url)
    assert read.status_code == 200
    card = read.json()
    assert card["employee"] == "Sandrine Q." and card["step"] == "week_1"
    assert "Quintaval" not in read.content.decode()
    assert followed.person.email not in read.content.decode()
    answer = client.post(
        url,
        {"how_it_goes": "very_difficult", "issues": ["relations"], "serious": True},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["answered_on"] == timezone.localdate().isoformat()
    assert answer.json()["issues"] == ["relations"]
    assert Alert.objects.filter(kind="serious_issue").count() == 1
    again = client.post(url, {"how_it_goes": "well"}, content_type="application/json")
    assert again.status_code == 400 and "ne se remplace pas" in again.json()["detail"]


def test_the_employer_s_answer_is_checked_as_on_the_page(client, token):
    url = f"/api/v1/follow-up-links/{token}"
    for body in (
        {},
        {"how_it_goes": "moyen"},
        {"how_it_goes": "well", "issues": ["health"]},
        {"how_it_goes": "well", "comment": "x" * (services.COMMENT_MAX + 1)},
    ):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422, body
        assert response.json()["detail"].startswith("Données invalides")
    assert client.post(url, "pas du json", content_type="application/json").status_code in (
        400,
        422,
    )
    assert _answered() == 0


def _answered() -> int:
    return CheckpointSide.objects.filter(done_on__isnull=False).count()


def test_an_unknown_or_expired_link_is_refused(client, token):
    assert client.get("/api/v1/follow-up-links/jeton-inconnu").status_code == 404
    later = signing.time.time() + (EMPLOYER_LINK_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(
            f"/api/v1/follow-up-links/{token}",
            {"how_it_goes": "well"},
            content_type="application/json",
        )
    assert response.status_code == 410 and "expiré" in response.json()["detail"]
    assert _answered() == 0
