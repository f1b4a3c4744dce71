import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env
from config.env import env_bool, env_choice, env_int, env_list, env_origin, env_redis_url
from tests.config.test_deploy_check import print_settings


def test_it_reads_typed_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "oui")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    assert env_int("X_MISSING", 7) == 7


@pytest.mark.parametrize(
    ("reader", "value", "message"),
    [
        (lambda: env_bool("X", False), "peut-être", "true ou false"),
        (lambda: env_int("X", 1), "dix", "nombre entier"),
        (lambda: env_int("X", 1, minimum=5), "2", "au moins 5"),
        (lambda: env_choice("X", "a", {"a", "b"}), "c", "l'une de ces valeurs"),
        (lambda: env_origin("X"), "proconnect.gouv.fr", "adresse http"),
    ],
)
def test_it_fails_with_a_clear_message_on_a_wrong_value(monkeypatch, reader, value, message):
    monkeypatch.setenv("X", value)
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        reader()
    assert "X" in str(error.value)


def test_it_reads_the_origin_of_an_address(monkeypatch):
    monkeypatch.setenv("X", "https://auth.agentconnect.gouv.fr/api/v2")
    assert env_origin("X") == "https://auth.agentconnect.gouv.fr"


def test_a_redis_address_is_optional_and_checked(monkeypatch):
    assert env_redis_url("X_REDIS") == ""
    monkeypatch.setattr(env, "find_spec", lambda name: object())  # as if installed
    monkeypatch.setenv("X_REDIS", "redis://cache.internal:6379/0")
    assert env_redis_url("X_REDIS") == "redis://cache.internal:6379/0"
    monkeypatch.setenv("X_REDIS", "http://cache.internal")
    with pytest.raises(ImproperlyConfigured, match="redis://"):
        env_redis_url("X_REDIS")


def test_a_redis_address_without_the_redis_package_stops_the_start(monkeypatch):
    monkeypatch.setattr(env, "find_spec", lambda name: None)
    monkeypatch.setenv("X_REDIS", "redis://cache.internal:6379/0")
    with pytest.raises(ImproperlyConfigured, match="pip install redis"):
        env_redis_url("X_REDIS")


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "lib.counter_cache.CounterCache"),
        ("redis://cache.internal:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_rate_limits_count_in_redis_when_it_is_configured(tmp_path, redis_url, backend):
    # A stand-in `redis` package: the settings only check that one is installed.
    (tmp_path / "redis").mkdir()
    (tmp_path / "redis" / "__init__.py").write_text("")
    printed = print_settings(
        tmp_path,
        '[s.CACHES["counters"]["BACKEND"], s.CACHES["counters"].get("LOCATION")]',
        REDIS_URL=redis_url,
        PYTHONPATH=str(tmp_path),
        DJANGO_SECRET_KEY="tests-only",
    )
    assert printed == [backend, redis_url or "parcours_counters"]
