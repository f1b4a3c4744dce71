"""Sign-in throttling that an attacker cannot turn against the people it protects.

- Per account and address: a few free mistakes, then each attempt must wait twice as
  long as the one before (2 s, 4 s, 8 s… up to 15 minutes). A right password clears it.
- Per account, across all addresses: past a ceiling of failures in the hour, every
  attempt waits a growing delay too. The delay slows, it never locks: from an address
  the owner already signed in from, it runs from that address's own last failure, so
  failures sent from elsewhere do not keep the owner out; from a new address it runs
  from the account's last failure.
- No limit on an address alone: one address may serve a whole agency (allauth's own
  limit on sign-in requests per address stays generous, see settings).
- The owner is told by email, once per hour, when their account sees repeated failures.

Attempts refused for waiting are not counted: only passwords actually checked are.
Everything lives in the shared cache, keyed by hashes (no email or address in clear)."""

import hashlib
import math

from django.core.cache import cache
from django.db import transaction

from accounts.models import User
from accounts.tasks import send_signin_failures_notice
from lib import rate_limit
from lib.client_address import address_block

FREE_FAILURES = 3  # per account and address
ACCOUNT_CEILING = 10  # failures per account and window, all addresses together
ACCOUNT_WINDOW = 60 * 60
NOTICE_AFTER = 5  # failures per account and window before the owner is told
BASE_DELAY = 2
MAX_DELAY = 15 * 60
PAIR_MEMORY = 24 * 60 * 60  # how long failures of an account and address are remembered
KNOWN_FOR = 180 * 24 * 60 * 60  # how long an address stays « known » after a sign-in


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _login(email: str) -> str:
    return (email or "").strip().lower()


def _pair_key(email: str, address: str) -> str:
    return f"signin:pair:{_hash(_login(email), address_block(address))}"


def _known_key(email: str, address: str) -> str:
    return f"signin:known:{_hash(_login(email), address_block(address))}"


def _last_failure_key(email: str) -> str:
    return f"signin:last-failure:{_hash(_login(email))}"


def _backoff(excess: int) -> int:
    """The wait after `excess` failures past the free ones: 2 s, 4 s, 8 s… capped."""
    if excess <= 0:
        return 0
    return min(MAX_DELAY, BASE_DELAY * 2 ** min(excess - 1, 20))


def account_failures(email: str) -> int:
    return rate_limit.count("signin-account", _login(email), seconds=ACCOUNT_WINDOW)


def seconds_to_wait(*, email: str, address: str) -> int:
    """How long this attempt must still wait before its password is checked; 0: now."""
    now = rate_limit.now()
    pair = cache.get(_pair_key(email, address)) or {"failures": 0, "last": 0.0}
    wait = _backoff(pair["failures"] - FREE_FAILURES) - (now - pair["last"])
    failures = account_failures(email)
    if failures >= ACCOUNT_CEILING:
        if cache.get(_known_key(email, address)):
            since = pair["last"]
        else:
            since = cache.get(_last_failure_key(email), 0.0)
        wait = max(wait, _backoff(failures - ACCOUNT_CEILING + 1) - (now - since))
    return max(0, math.ceil(wait))


def wait_message(seconds: int) -> str:
    if seconds < 60:
        delay = f"{seconds} seconde{'s' if seconds > 1 else ''}"
    else:
        minutes = math.ceil(seconds / 60)
        delay = f"{minutes} minute{'s' if minutes > 1 else ''}"
    return (
        f"Trop de tentatives de connexion pour ce compte : réessayez dans {delay}. "
        "Si vous avez oublié votre mot de passe, réinitialisez-le."
    )


def record_failure(*, email: str, address: str) -> None:
    now = rate_limit.now()
    key = _pair_key(email, address)
    pair = cache.get(key) or {"failures": 0, "last": 0.0}
    cache.set(key, {"failures": pair["failures"] + 1, "last": now}, timeout=PAIR_MEMORY)
    cache.set(_last_failure_key(email), now, timeout=ACCOUNT_WINDOW * 2)
    failures = rate_limit.hit("signin-account", _login(email), seconds=ACCOUNT_WINDOW)
    if failures >= NOTICE_AFTER:
        _tell_the_owner(email, failures)


def record_success(*, email: str, address: str) -> None:
    cache.delete(_pair_key(email, address))
    cache.set(_known_key(email, address), 1, timeout=KNOWN_FOR)


def _tell_the_owner(email: str, failures: int) -> None:
    user = User.objects.filter(email__iexact=_login(email), is_active=True).first()
    if user is None:
        return  # nobody to tell, and nothing to reveal about unknown addresses
    window = rate_limit.window_number(ACCOUNT_WINDOW)
    if cache.add(f"signin:notice:{user.pk}:{window}", 1, timeout=ACCOUNT_WINDOW + 60):
        transaction.on_commit(
            lambda: send_signin_failures_notice.enqueue(user_id=user.pk, failures=failures)
        )
