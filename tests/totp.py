"""The code an authenticator app shows, for tests that pass the second factor."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

# Seconds a code must still be valid for when it is read: a browser takes a few to fill
# and send it, and the server accepts only the current window's code.
MARGIN = 8


def current_code(secret: str) -> str:
    """The current code for `secret`; in a window's last seconds, wait for the next one,
    as a person who sees the code about to change would."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < MARGIN:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))
