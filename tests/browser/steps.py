"""Steps the journeys share: signing in through the real forms, as a person would."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from demo.territory import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.browser.axe import assert_accessible

TOTP_PERIOD = 30  # seconds; allauth's default, which the project keeps


def current_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app would show now for the demo admins' secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Fill in and send the sign-in form; checks the form's accessibility on the way."""
    page.goto(reverse("account_login"))
    assert_accessible(page)
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter", exact=True).click()
