from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from organizations import services
from organizations.enums import Role
from organizations.models import Invitation, Membership
from tests.factories.accounts import UserFactory


def test_it_sends_an_invitation_email_after_commit(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, raw = services.invitation_send(
            organization=team.organization,
            email="Nouvelle@Exemple.fr",
            role=Role.MEMBER,
            invited_by=team.admin,
        )
    assert invitation.email == "nouvelle@exemple.fr"
    assert len(mail.outbox) == 1
    assert f"/invitation/{raw}/" in mail.outbox[0].body
    assert "Chantier des Tests" in mail.outbox[0].subject
    # Only a digest is stored.
    assert raw not in invitation.token_digest


def test_it_sends_nothing_when_the_transaction_rolls_back(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invitation_send(
            organization=team.organization,
            email="x@exemple.fr",
            role=Role.MEMBER,
            invited_by=team.admin,
        )
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_it_renews_a_pending_invitation_instead_of_duplicating(team):
    first, first_raw = services.invitation_send(
        organization=team.organization,
        email="x@exemple.fr",
        role=Role.MEMBER,
        invited_by=team.admin,
    )
    second, second_raw = services.invitation_send(
        organization=team.organization,
        email="x@exemple.fr",
        role=Role.ADMIN,
        invited_by=team.admin,
    )
    assert first.pk == second.pk
    assert Invitation.objects.filter(email="x@exemple.fr").count() == 1
    assert services.invitation_from_token(first_raw) is None
    assert services.invitation_from_token(second_raw).role == Role.ADMIN


def test_it_refuses_to_invite_a_member(team):
    with pytest.raises(ValidationError, match="déjà membre"):
        services.invitation_send(
            organization=team.organization,
            email=team.colleague.email,
            role=Role.MEMBER,
            invited_by=team.admin,
        )


def test_it_creates_the_account_when_a_newcomer_accepts(team):
    invitation, raw = services.invitation_send(
        organization=team.organization,
        email="nouvelle@exemple.fr",
        role=Role.MEMBER,
        invited_by=team.admin,
    )
    membership = services.invitation_accept(
        invitation=services.invitation_from_token(raw),
        first_name="Inès",
        last_name="Roy",
        password="Un-mot-de-passe-1",
    )
    user = User.objects.get(email="nouvelle@exemple.fr")
    assert membership.user == user and membership.organization == team.organization
    assert user.check_password("Un-mot-de-passe-1")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert services.invitation_from_token(raw) is None


def test_it_refuses_an_expired_invitation(team):
    invitation, raw = services.invitation_send(
        organization=team.organization,
        email="tard@exemple.fr",
        role=Role.MEMBER,
        invited_by=team.admin,
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.invitation_from_token(raw) is None
    with pytest.raises(ValidationError, match="plus valable"):
        services.invitation_accept(invitation=invitation, password="Un-mot-de-passe-1")
    assert not User.objects.filter(email="tard@exemple.fr").exists()


def test_it_refuses_an_invitation_meant_for_someone_else(team):
    invitation, _ = services.invitation_send(
        organization=team.organization,
        email="cible@exemple.fr",
        role=Role.MEMBER,
        invited_by=team.admin,
    )
    with pytest.raises(ValidationError, match="cible@exemple.fr"):
        services.invitation_accept(invitation=invitation, user=team.stranger)
    assert not Membership.objects.filter(
        user=team.stranger, organization=team.organization
    ).exists()


def test_it_keeps_at_least_one_admin(team):
    admin_membership = Membership.objects.get(user=team.admin, organization=team.organization)
    with pytest.raises(ValidationError, match="dernier administrateur"):
        services.membership_remove(membership=admin_membership)
    with pytest.raises(ValidationError, match="au moins un administrateur"):
        services.membership_change_role(membership=admin_membership, role=Role.MEMBER)
    colleague = Membership.objects.get(user=team.colleague)
    services.membership_change_role(membership=colleague, role=Role.ADMIN)
    services.membership_change_role(membership=admin_membership, role=Role.MEMBER)
    admin_membership.refresh_from_db()
    assert admin_membership.role == Role.MEMBER


def test_it_deactivates_a_removed_member(team):
    colleague = Membership.objects.get(user=team.colleague)
    services.membership_remove(membership=colleague)
    colleague.refresh_from_db()
    assert colleague.is_active is False
    # Invited again later, the same membership comes back.
    user = UserFactory()
    services.membership_add(organization=team.organization, user=user)
    assert Membership.objects.active().filter(organization=team.organization).count() == 2
