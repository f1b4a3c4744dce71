"""Sign-in throttling: back-off per account and address, a per-account ceiling that
slows without locking, no lock-out of a shared address, the owner told by email."""

import pytest
from allauth.account.adapter import get_adapter
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory

from accounts import signin_throttle
from lib import rate_limit
from tests.factories.accounts import PASSWORD, UserFactory

HOME = "192.0.2.10"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    state = {"now": 1_800_000_000.0}
    monkeypatch.setattr(rate_limit, "now", lambda: state["now"])
    return state


def _sign_in(client, user, password, address=HOME, **extra):
    response = client.post(
        "/comptes/login/", {"login": user.email, "password": password}, REMOTE_ADDR=address, **extra
    )
    signed_in = client.session.get("_auth_user_id") == str(user.pk)
    client.logout()
    return response, signed_in


def test_after_a_few_mistakes_each_attempt_waits_longer(client, db, clock):
    user = UserFactory()
    for _ in range(signin_throttle.FREE_FAILURES + 1):
        _sign_in(client, user, "faux")
    response, signed_in = _sign_in(client, user, PASSWORD)
    assert not signed_in
    assert "réessayez dans 2 secondes" in response.content.decode()
    clock["now"] += 2
    _sign_in(client, user, "faux")  # the next mistake doubles the wait
    clock["now"] += 3
    assert "réessayez dans 1 seconde" in _sign_in(client, user, PASSWORD)[0].content.decode()
    clock["now"] += 1
    assert _sign_in(client, user, PASSWORD)[1]


def test_a_right_password_clears_the_back_off(client, db, clock):
    user = UserFactory()
    for _ in range(signin_throttle.FREE_FAILURES):
        _sign_in(client, user, "faux")
    assert _sign_in(client, user, PASSWORD)[1]
    for _ in range(signin_throttle.FREE_FAILURES):
        _sign_in(client, user, "faux")
    assert _sign_in(client, user, PASSWORD)[1]


def test_one_address_failing_on_an_account_does_not_lock_the_others_behind_it(client, db, clock):
    # An agency behind one address: someone hammering one account there does not keep
    # the colleagues out.
    target, colleague = UserFactory(), UserFactory()
    for _ in range(30):
        _sign_in(client, target, "faux")
    assert _sign_in(client, colleague, PASSWORD)[1]


def test_the_account_ceiling_slows_new_addresses_but_not_the_owners_known_one(client, db, clock):
    user = UserFactory()
    assert _sign_in(client, user, PASSWORD, address=HOME)[1]  # HOME becomes known
    for n in range(signin_throttle.ACCOUNT_CEILING + 2):
        _sign_in(client, user, "faux", address=f"203.0.113.{n + 1}")
    response, signed_in = _sign_in(client, user, PASSWORD, address="198.51.100.1")
    assert not signed_in and "réessayez dans" in response.content.decode()
    # The owner at their usual address is not kept out by failures sent from elsewhere.
    assert _sign_in(client, user, PASSWORD, address=HOME)[1]
    # From a new address, the right password works once the delay has passed.
    clock["now"] += signin_throttle.seconds_to_wait(email=user.email, address="198.51.100.1")
    assert _sign_in(client, user, PASSWORD, address="198.51.100.1")[1]


def test_the_ceiling_delay_grows_and_stays_bounded(db, clock):
    email = "cible@exemple.fr"
    waits = []
    for n in range(signin_throttle.ACCOUNT_CEILING + 12):
        signin_throttle.record_failure(email=email, address=f"203.0.113.{n + 1}")
        waits.append(signin_throttle.seconds_to_wait(email=email, address="198.51.100.1"))
    ceiling = signin_throttle.ACCOUNT_CEILING
    assert waits[: ceiling - 1] == [0] * (ceiling - 1)
    assert waits[ceiling - 1 : ceiling + 2] == [2, 4, 8]
    assert max(waits) == signin_throttle.MAX_DELAY


def test_the_owner_is_told_once_per_window(client, db, clock, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(signin_throttle.NOTICE_AFTER + 3):
            _sign_in(client, user, "faux", address=f"203.0.113.{n + 1}")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "tentatives de connexion" in mail.outbox[0].body
    clock["now"] += signin_throttle.ACCOUNT_WINDOW
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(signin_throttle.NOTICE_AFTER):
            _sign_in(client, user, "faux", address=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == 2


def test_nothing_is_sent_for_an_address_without_account(client, db, clock):
    ghost = UserFactory.build(email="personne@exemple.fr")
    for n in range(signin_throttle.NOTICE_AFTER + 1):
        _sign_in(client, ghost, "faux", address=f"203.0.113.{n + 1}")
    assert mail.outbox == []


def test_allauth_and_the_throttle_read_the_address_through_the_trusted_proxies(
    client, db, clock, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"
    user = UserFactory()
    # Behind the same proxy, the back-off of one client does not fall on another.
    for _ in range(signin_throttle.FREE_FAILURES + 2):
        _sign_in(client, user, "faux", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    blocked, _ = _sign_in(
        client, user, PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert "réessayez dans" in blocked.content.decode()
    assert _sign_in(
        client, user, PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.3"
    )[1]
