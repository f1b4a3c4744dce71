"""Writes about organizations and their members. Each service runs in one transaction
and checks its own preconditions; callers have already authorised the actor."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access import ledger
from organizations.enums import Role
from organizations.models import Invitation, Membership, Organization
from organizations.siret import normalize_siret
from organizations.tasks import send_invitation_email

User = get_user_model()


@transaction.atomic
def organization_create(
    *,
    name: str,
    kind: str,
    siret: str,
    commune,
    address: str = "",
    email: str = "",
    phone: str = "",
    served_epcis=(),
    served_communes=(),
    is_demo: bool = False,
    admin=None,
) -> Organization:
    organization = Organization(
        name=name,
        kind=kind,
        siret=normalize_siret(siret),
        commune=commune,
        address=address,
        email=email,
        phone=phone,
        is_demo=is_demo,
    )
    organization.full_clean()
    organization.save()
    organization.served_epcis.set(served_epcis)
    organization.served_communes.set(served_communes)
    if admin is not None:
        membership_add(organization=organization, user=admin, role=Role.ADMIN)
    return organization


@transaction.atomic
def membership_add(*, organization: Organization, user, role: str = Role.MEMBER) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    if not created and (not membership.is_active or membership.role != role):
        membership.is_active = True
        membership.role = role
        membership.save()
    return membership


def _remaining_admins(membership: Membership) -> int:
    return (
        Membership.objects.active()
        .filter(organization_id=membership.organization_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError("Rôle inconnu.")
    if membership.role == Role.ADMIN and role != Role.ADMIN and not _remaining_admins(membership):
        raise ValidationError(
            "L'organisation doit garder au moins un administrateur : nommez-en un autre d'abord."
        )
    membership.role = role
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    if membership.role == Role.ADMIN and not _remaining_admins(membership):
        raise ValidationError("Impossible de retirer le dernier administrateur de l'organisation.")
    # Deactivated, not deleted: the trail and the records they wrote keep their author.
    membership.is_active = False
    membership.save()


@transaction.atomic
def invitation_send(
    *, organization: Organization, email: str, role: str, invited_by
) -> tuple[Invitation, str]:
    """Create (or renew) the invitation and queue its email once the transaction commits.
    Returns the invitation and the raw token (for the link; never stored)."""
    email = User.objects.normalize_email(email).lower()
    if Membership.objects.active().filter(organization=organization, user__email=email).exists():
        raise ValidationError("Cette personne est déjà membre de l'organisation.")
    raw, digest = Invitation.new_token()
    expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALIDITY_DAYS)
    invitation = (
        Invitation.objects.filter(
            organization=organization,
            email=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .select_for_update()
        .first()
    )
    if invitation is None:
        invitation = Invitation(organization=organization, email=email)
    invitation.role = role
    invitation.token_digest = digest
    invitation.invited_by = invited_by
    invitation.expires_at = expires_at
    invitation.full_clean()
    invitation.save()
    transaction.on_commit(
        lambda: send_invitation_email.enqueue(invitation_id=invitation.pk, token=raw)
    )
    return invitation, raw


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at:
        raise ValidationError("Cette invitation a déjà été acceptée.")
    invitation.revoked_at = timezone.now()
    invitation.save()


def invitation_from_token(raw: str) -> Invitation | None:
    """The pending invitation behind a link, or None if unknown, expired or used."""
    return (
        Invitation.objects.pending()
        .select_related("organization")
        .filter(token_digest=Invitation.digest_of(raw))
        .first()
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user=None,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
) -> Membership:
    """Accept as the signed-in `user`, or create the account from the invitation."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at or invitation.is_expired:
        raise ValidationError("Cette invitation n'est plus valable.")
    if user is None:
        if User.objects.filter(email=invitation.email).exists():
            raise ValidationError(
                "Un compte existe déjà pour cette adresse : connectez-vous pour accepter."
            )
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
    elif user.email.lower() != invitation.email:
        raise ValidationError(
            f"Cette invitation est adressée à {invitation.email} : connectez-vous avec ce compte."
        )
    membership = membership_add(
        organization=invitation.organization, user=user, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.save()
    return membership


@transaction.atomic
def organization_update(
    *, organization: Organization, data: dict, served_epcis=None, funders=None
) -> Organization:
    # A bound form has already set the new values on the instance: ask the database.
    kind_before = Organization.objects.values_list("kind", flat=True).get(pk=organization.pk)
    for field, value in data.items():
        setattr(organization, field, value)
    organization.full_clean()
    organization.save()
    if organization.kind != kind_before:
        # What its members see of people follows from its kind (`access.policy`).
        ledger.refresh_organization(organization)
    if served_epcis is not None:
        _set_related(organization, "served_epcis", served_epcis)
    if funders is not None:
        _set_related(organization, "funders", funders)
    return organization


def _set_related(organization: Organization, field: str, chosen) -> None:
    """Replace a many-to-many of the organization, the change written to its log."""
    related = getattr(organization, field)
    before = sorted(related.values_list("pk", flat=True))
    related.set(chosen)
    organization.audit_related_change(field, before, sorted(item.pk for item in chosen))
