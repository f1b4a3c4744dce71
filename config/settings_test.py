"""Settings for the test suite: the production settings with a fixed secret, fast
password hashing, tasks run in-process, and loud undefined template variables."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
# The test client and the live server speak plain HTTP.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")

from config.settings import *  # noqa: E402,F403
from config.settings import TEMPLATES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing is collected in tests
# The counters stay in the test database (rolled back after each test), whatever the
# environment says: the query counts pinned by the tests include theirs.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "counters": {"BACKEND": "lib.counter_cache.CounterCache", "LOCATION": "parcours_counters"},
}


class InvalidTemplateVariable(str):
    """An undefined variable in one of our templates fails the test that renders it."""

    def __mod__(self, other):
        raise NameError(f"Variable de gabarit indéfinie : {other}")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
