from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from access.policy import active_memberships
from organizations.enums import Role


def mfa_required(user) -> bool:
    """Platform admins and organization admins must protect their account with TOTP."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(m.role == Role.ADMIN for m in active_memberships(user))


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_mfa(request) -> bool:
    """This session's sign-in (or a later re-authentication) went through the second
    factor, as allauth records each authentication step in the session. A password
    alone, or a session opened by other means, has no such record."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
