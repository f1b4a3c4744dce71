"""Revoking an API token, cancelling an invitation, removing a member and closing an
introduction cannot be undone: a GET, or a POST without the confirmation, shows what
will happen and changes nothing; the confirmed POST does it."""

import pytest
from django.urls import reverse

from accounts.services import api_token_create
from offers import services as offer_services
from offers.enums import IntroductionState, OfferState
from offers.models import Introduction
from organizations.models import Invitation, Membership
from organizations.services import invitation_send
from tests.offers.helpers import offer

pytestmark = pytest.mark.django_db


def _asks_first(client, path, data, button, *, by_get=True):
    for response in (
        *([client.get(path)] if by_get else []),
        client.post(path, data),
        client.post(path, {**data, "confirmation": "non"}),
    ):
        page = response.content.decode().replace("&#x27;", "'")
        assert response.status_code == 200, path
        assert "Cette action est définitive" in page and button in page
        assert 'name="confirmation" value="oui"' in page
        for name, value in data.items():
            assert f'name="{name}" value="{value}"' in page
    return client.post(path, {**data, "confirmation": "oui"})


def test_revoking_a_token_asks_first(client, team):
    token, _ = api_token_create(user=team.colleague, name="tableur")
    client.force_login(team.colleague)
    path = reverse("api_token_revoke", args=[token.pk])
    response = _asks_first(client, path, {}, "Révoquer le jeton")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_cancelling_an_invitation_and_removing_a_member_ask_first(client, team):
    invitation, _ = invitation_send(
        organization=team.organization,
        email="nouvelle@example.org",
        role="member",
        invited_by=team.admin,
    )
    membership = Membership.objects.get(user=team.colleague)
    client.force_login(team.admin)
    base = f"/organisations/{team.organization.pk}"

    path = reverse("invitation_revoke", args=[team.organization.pk, invitation.pk])
    assert Invitation.objects.pending().filter(pk=invitation.pk).exists()
    assert _asks_first(client, path, {}, "Annuler l'invitation").status_code == 302
    assert not Invitation.objects.pending().filter(pk=invitation.pk).exists()

    path = f"{base}/membres/{membership.pk}/retirer/"
    assert _asks_first(client, path, {}, "Retirer de l'organisation").status_code == 302
    membership.refresh_from_db()
    assert membership.is_active is False


def test_closing_an_introduction_asks_first_and_keeps_the_choice(client, team, followed):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    introduction = offer_services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(team.colleague)
    path = reverse("introduction_close", args=[introduction.pk])
    detail = client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    assert f'action="{path}"' in detail

    data = {"to_state": IntroductionState.WITHDRAWN}
    response = _asks_first(client, path, data, "Confirmer", by_get=False)
    assert response.status_code == 302
    assert Introduction.objects.get(pk=introduction.pk).state == IntroductionState.WITHDRAWN
