"""Settings of Parcours. Every value that differs between machines comes from the
environment (see .env.example); the defaults give a working local set-up on SQLite."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_origin,
    env_redis_url,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PARCOURS_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY est obligatoire hors mode développement (DJANGO_DEBUG=true)."
        )
    SECRET_KEY = "local-development-only-not-a-secret"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("PARCOURS_SITE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    "accounts.apps.PlatformAdminConfig",  # django.contrib.admin behind the second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "widget_tweaks",
    "dsfr",
    "django_htmx",
    "csp",
    "ninja",  # the API docs page then uses its bundled scripts, not a CDN the CSP refuses
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # Domain apps
    "accounts",
    "audit",
    "territories",
    "jobs",
    "reference",
    "organizations",
    "persons",
    "access",
    "pathways",
    "barriers",
    "plans",
    "partner_services",
    "referrals",
    "visits",
    "notifications",
    "companies",
    "offers",
    "matching",
    "immersions",
    "employment",
    "stories",
    "exits",
    "indicators",
    "timeline",
    "scheduling",
    "exports",
    "reports",
    "cooperation",
    "events",
    "retention",
    "demo",
    "www",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "www.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "www.middleware.PermissionsPolicyMiddleware",
    "accounts.session_renewal.RenewingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "www.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "audit.middleware.AuditActorMiddleware",
    "organizations.middleware.CurrentOrganizationMiddleware",
    "accounts.middleware.RequireMfaMiddleware",
    "www.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "www.context_processors.shell",
            ],
            # The `date` filter of every page, faster on its usual formats (same text).
            "builtins": [
                "www.templatetags.dates",
                "www.templatetags.plurals",
                "www.templatetags.elision",
            ],
            # An undefined variable in a template is a bug: tests make it loud.
            "string_if_invalid": env_str("DJANGO_TEMPLATE_STRING_IF_INVALID", ""),
        },
    }
]

# Django's form renderer, with inputs and selects written in Python (same text).
FORM_RENDERER = "lib.widget_rendering.WidgetRenderer"

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'parcours.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL n'est pas une adresse de base valide : {error}"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the task worker write while the web server reads.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.CharacterClassesValidator"},
    {"NAME": "accounts.passwords.RevokeApiTokensOnChange"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

SESSION_COOKIE_AGE = env_int("PARCOURS_SESSION_SECONDS", 8 * 3600, minimum=300)
# The session expires after inactivity, not mid-task: `accounts.session_renewal` renews
# an unchanged session once a minute instead of rewriting it on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("PARCOURS_BEHIND_PROXY", False) else None
)

SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: sign-in by email only, nobody signs up on their own (members are invited).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    # Failed passwords are throttled per account and address by `accounts.signin_throttle`
    # (back-off, never a lock-out); allauth's « login_failed » now only guards the
    # one-time codes of the second factor, per account.
    "login_failed": "5/5m/key",
    # Sign-in requests per address, failed or not: only a guard against floods, high
    # enough never to shut out an agency whose counsellors share one address.
    "login": env_str("PARCOURS_LOGIN_RATE", "300/m/ip"),
    "reset_password": "5/m/ip,3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Parcours"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

PROCONNECT_ENABLED = env_bool("PROCONNECT_ENABLED", False)
SOCIALACCOUNT_PROVIDERS = {}
if PROCONNECT_ENABLED:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "proconnect",
                "name": "ProConnect",
                "client_id": env_str("PROCONNECT_CLIENT_ID", ""),
                "secret": env_str("PROCONNECT_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": env_str("PROCONNECT_SERVER_URL", ""),
                    "token_auth_method": "client_secret_post",
                    "scope": ["openid", "email", "given_name", "usual_name", "siret"],
                },
            }
        ]
    }
    for variable in ("PROCONNECT_CLIENT_ID", "PROCONNECT_CLIENT_SECRET", "PROCONNECT_SERVER_URL"):
        if not env_str(variable, ""):
            raise ImproperlyConfigured(f"{variable} est obligatoire quand PROCONNECT_ENABLED=true.")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded documents live apart from the static files and no URL serves them: they are
# read only through the download view, which checks access and logs the read.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- Security headers / production ------------------------------------------------------
# Every protection is on unless DJANGO_DEBUG is true; each can be turned off from the
# environment (see .env.example), e.g. for a server reached over plain HTTP on a private
# network. `manage.py check --deploy` passes without any warning with these defaults.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int(
    "DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600, minimum=0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "www.views.errors.csrf_failure"
# The size a request may declare before anything reads it (RequestSizeLimitMiddleware);
# uploaded documents are capped lower, at lib.uploads.DOCUMENT_MAX_BYTES.
PARCOURS_MAX_REQUEST_BYTES = env_int(
    "PARCOURS_MAX_REQUEST_BYTES", 10 * 1024 * 1024, minimum=1024 * 1024
)
# django-csp 4: scripts, styles, fonts and images from this site only; no inline script or
# style attribute anywhere (the DSFR and htmx run from static files, htmx is told not to
# inject its indicator style by the htmx-config meta tag of base.html).
_FORM_ACTIONS = [SELF]
if PROCONNECT_ENABLED:
    # The sign-in form posts here, then is redirected to the provider: form-action covers
    # that redirect.
    _FORM_ACTIONS.append(env_origin("PROCONNECT_SERVER_URL"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": _FORM_ACTIONS,
        "frame-ancestors": [NONE],
    }
}

EMAIL_BACKEND = env_choice(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    },
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Parcours <ne-pas-repondre@parcours.localhost>")

TASKS = {
    "default": {
        "BACKEND": env_choice(
            "PARCOURS_TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend",
            {
                "django_tasks_db.DatabaseBackend",
                "django_tasks.backends.immediate.ImmediateBackend",
                "django_tasks.backends.dummy.DummyBackend",
            },
        )
    }
}

# A cache shared by every app server (sign-in throttling, one-time codes): the database,
# so that nothing more than PostgreSQL is needed to run several servers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "parcours_cache",
    }
}

INVITATION_VALIDITY_DAYS = env_int("PARCOURS_INVITATION_VALIDITY_DAYS", 7, minimum=1)
API_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("PARCOURS_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Client address, rate limits and sign-in throttling ---------------------------------
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the
# socket's address is the client's). Every rate limit of the site, allauth's included,
# reads the address through `lib.client_address`.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# Rate-limit counts and used form tokens live in the cache: the database cache must not
# cull them after a few hundred entries (Django's default is 300).
CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = env_int(
    "PARCOURS_CACHE_MAX_ENTRIES", 200_000, minimum=1000
)
# The counts of every rate limit (`lib.rate_limit`), shared by all the app servers and
# their workers: Redis when REDIS_URL is set, else a table of the database with one row
# per key and atomic increments (`lib.counter_cache`; `createcachetable` creates it).
REDIS_URL = env_redis_url("REDIS_URL")
CACHES["counters"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "lib.counter_cache.CounterCache", "LOCATION": "parcours_counters"}
)
