"""Fixed-window counting, the client address behind proxies, and one-time form tokens."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from lib import counter_cache, form_tokens, rate_limit
from lib.client_address import client_address


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch, db):
    """A clock the test moves by hand, the limits' and the counters' table's."""
    state = {"now": 1_800_000_000.0}
    monkeypatch.setattr(rate_limit, "now", lambda: state["now"])
    monkeypatch.setattr(counter_cache, "now", lambda: state["now"])
    return state


def test_it_counts_within_a_window_and_starts_again_in_the_next(clock):
    results = [rate_limit.over_limit("t", "a", limit=3, seconds=60) for _ in range(5)]
    assert results == [False, False, False, True, True]
    clock["now"] += 60
    assert rate_limit.over_limit("t", "a", limit=3, seconds=60) is False
    assert rate_limit.count("t", "a", seconds=60) == 1


def test_hits_never_push_the_window_further(clock):
    # One hit every 10 seconds for two minutes: the count restarts at each minute, it
    # does not grow for ever as an expiry reset on each hit would make it.
    counts = []
    for _ in range(12):
        counts.append(rate_limit.hit("t", "a", seconds=60))
        clock["now"] += 10
    assert max(counts) == 6
    assert counts[6] == 1


def test_subjects_and_scopes_are_counted_apart(clock):
    for _ in range(3):
        rate_limit.hit("t", "a", seconds=60)
    assert rate_limit.hit("t", "b", seconds=60) == 1
    assert rate_limit.hit("u", "a", seconds=60) == 1


def test_a_hit_costs_one_query_once_the_window_has_begun(clock, django_assert_num_queries):
    rate_limit.hit("t", "a", seconds=60)
    with django_assert_num_queries(1):
        assert rate_limit.hit("t", "a", seconds=60) == 2
    with django_assert_num_queries(1):
        assert rate_limit.count("t", "a", seconds=60) == 2


def _request(remote="10.0.0.9", forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_proxies_the_socket_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(forwarded="1.2.3.4")) == "10.0.0.9"


def test_behind_proxies_it_takes_the_nth_address_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(forwarded="6.6.6.6, 203.0.113.7, 10.1.1.1")) == "203.0.113.7"


def test_a_header_shorter_than_the_proxies_or_garbage_falls_back_to_the_socket(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(forwarded="203.0.113.7")) == "10.0.0.9"
    assert client_address(_request()) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded="pas-une-adresse")) == "10.0.0.9"


def test_per_address_limits_key_on_the_forwarded_client(settings, clock):
    settings.TRUSTED_PROXY_COUNT = 1
    first = _request(remote="10.0.0.1", forwarded="203.0.113.7")
    same_client_other_proxy = _request(remote="10.0.0.2", forwarded="203.0.113.7")
    other_client = _request(remote="10.0.0.1", forwarded="198.51.100.3")
    assert not rate_limit.address_over_limit(first, "p", limit=1)
    assert rate_limit.address_over_limit(same_client_other_proxy, "p", limit=1)
    assert not rate_limit.address_over_limit(other_client, "p", limit=1)


def test_a_form_token_is_used_once():
    token = form_tokens.read(form_tokens.issue("essai"), "essai")
    with form_tokens.used_once(token, keep_seconds=60):
        pass
    ran = []
    with pytest.raises(ValidationError) as raised, form_tokens.used_once(token, keep_seconds=60):
        ran.append(True)
    assert ran == []
    assert "déjà été envoyé" in raised.value.messages[0]


def test_a_failed_submit_gives_the_token_back():
    token = form_tokens.read(form_tokens.issue("essai"), "essai")
    with pytest.raises(ValidationError), form_tokens.used_once(token, keep_seconds=60):
        raise ValidationError("refusé")
    with form_tokens.used_once(token, keep_seconds=60):
        pass


def test_a_token_of_another_form_or_forged_is_not_read():
    raw = form_tokens.issue("essai")
    assert form_tokens.read(raw, "autre") is None
    assert form_tokens.read(raw + "x", "essai") is None
    assert form_tokens.read("", "essai") is None


def test_a_token_knows_its_age(clock):
    token = form_tokens.read(form_tokens.issue("essai"), "essai")
    clock["now"] += 42
    assert token.age() == 42
