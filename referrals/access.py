"""The one way pages, API handlers and services fetch and authorise a referral.

- `referral_for(user, pk)`: a referral the user's organizations sent or received (the
  drafts of others excluded): 404 otherwise.
- `referral_as_receiver(user, pk)` / `referral_as_sender(user, pk)`: the same, and the
  user must answer for the receiving structure (an organization that follows people)
  or belong to the sending organization: 403 otherwise (the user already sees it).
- `require_receiver(referral, user)` / `require_sender(referral, user)`: for the
  services, the same rule on a referral handed in by the caller.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, active_memberships, can
from referrals import selectors
from referrals.models import Referral

NOT_FOUND = "Orientation introuvable."
NOT_THE_RECEIVER = "Seule la structure qui reçoit l'orientation y répond."
NOT_THE_SENDER = "Seule l'organisation qui a orienté la personne peut la retirer."


def referral_for(user, pk) -> Referral:
    referral = selectors.referral_for_page(user, pk)
    if referral is None:
        raise Http404(NOT_FOUND)
    return referral


def is_receiver(user, referral: Referral) -> bool:
    return can(user, Capability.FOLLOW_PERSONS, referral.to_organization)


def is_sender(user, referral: Referral) -> bool:
    return referral.from_organization_id is not None and any(
        m.organization_id == referral.from_organization_id for m in active_memberships(user)
    )


def is_member_of_receiver(user, referral: Referral) -> bool:
    """Any member of the receiving structure (opening the referral marks it seen)."""
    return any(m.organization_id == referral.to_organization_id for m in active_memberships(user))


def require_receiver(referral: Referral, user) -> None:
    if not is_receiver(user, referral):
        raise PermissionDenied(NOT_THE_RECEIVER)


def require_sender(referral: Referral, user) -> None:
    if not is_sender(user, referral):
        raise PermissionDenied(NOT_THE_SENDER)


def referral_as_receiver(user, pk) -> Referral:
    referral = referral_for(user, pk)
    require_receiver(referral, user)
    return referral


def referral_as_sender(user, pk) -> Referral:
    referral = referral_for(user, pk)
    require_sender(referral, user)
    return referral
