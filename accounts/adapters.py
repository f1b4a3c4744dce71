from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms

from accounts import signin_throttle
from lib.client_address import client_address


def _login_of(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts come from invitations by an organization's admin, never self-service.
        return False

    def get_client_ip(self, request) -> str:
        # allauth's own rate limits count per address like every other limit of the site.
        return client_address(request)

    def pre_authenticate(self, request, **credentials) -> None:
        # Replaces allauth's « n failures per address or per account » lock-out, which an
        # attacker could use to keep an agency or a person out (see signin_throttle).
        wait = signin_throttle.seconds_to_wait(
            email=_login_of(credentials), address=client_address(request)
        )
        if wait:
            raise forms.ValidationError(
                signin_throttle.wait_message(wait), code="too_many_login_attempts"
            )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            signin_throttle.record_success(
                email=_login_of(credentials), address=client_address(request)
            )
        return user

    def authentication_failed(self, request, **credentials) -> None:
        signin_throttle.record_failure(
            email=_login_of(credentials), address=client_address(request)
        )

    def reauthenticate(self, user, password: str) -> bool:
        """The password asked again (before a sensitive action), through the same
        throttle as the sign-in. Accounts have no allauth email rows: the login is the
        user's email."""
        found = self.authenticate(context.request, email=user.email, password=password)
        return found is not None and found.pk == user.pk


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # ProConnect signs in people who already have an account (matched by email).
        return False
