"""Typed readers for settings that come from the environment.

A wrong value stops the start-up with a message naming the variable, rather than a
surprise in production hours later.
"""

import os
from importlib.util import find_spec
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "oui"}
_FALSE = {"0", "false", "no", "off", "non", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} doit valoir true ou false, pas « {value} ».")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} doit être un nombre entier, pas « {value} ».") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} doit être au moins {minimum}, pas {number}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = env_str(name, default)
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name} doit valoir l'une de ces valeurs : {allowed}.")
    return value


def env_origin(name: str) -> str:
    """The origin (scheme://host[:port]) of the http(s) URL in `name`: what a
    Content-Security-Policy lists to allow a third-party site."""
    value = env_str(name, "")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(
            f"{name} doit être une adresse http(s) complète, pas « {value} »."
        )
    return f"{parts.scheme}://{parts.netloc}"


def env_redis_url(name: str) -> str:
    """A Redis server's address (redis://, rediss:// or unix://), or "" when unset. Set,
    it needs the `redis` Python package, which Parcours does not install by default."""
    value = env_str(name, "")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.netloc or parts.path):
        raise ImproperlyConfigured(
            f"{name} doit être une adresse redis://, rediss:// ou unix://, pas « {value} »."
        )
    if find_spec("redis") is None:
        raise ImproperlyConfigured(
            f"{name} est défini mais le paquet Python « redis » n'est pas installé "
            "(pip install redis), ou laissez-le vide pour compter dans la base."
        )
    return value
