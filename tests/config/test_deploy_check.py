"""`manage.py check --deploy` run the way production starts: a fresh process whose only
settings are the documented ones of .env.example (plus a secret key, which it leaves empty)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ENV_EXAMPLE = Path(settings.BASE_DIR) / ".env.example"
_TRAILING_COMMENT = re.compile(r"\s+#.*$")


def documented_environment() -> dict[str, str]:
    """The variables .env.example sets, with their values (an empty one keeps the default)."""
    variables = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        value = _TRAILING_COMMENT.sub("", value).strip()
        if value:
            variables[name.strip()] = value
    return variables


def _run(tmp_path, arguments: list[str], environment: dict[str, str]):
    """Python in a fresh process whose environment holds nothing but `environment`."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PARCOURS_VAR_DIR": str(tmp_path),
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_deploy_check(tmp_path, **overrides) -> subprocess.CompletedProcess:
    environment = {
        **documented_environment(),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "PARCOURS_VAR_DIR": str(tmp_path),
        **overrides,
    }
    return _run(
        tmp_path, ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment
    )


def print_settings(tmp_path, expression: str, **environment) -> list[str]:
    script = f"from django.conf import settings as s; print(*{expression})"
    result = _run(tmp_path, ["-c", script], environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_documented_production_environment_is_production():
    documented = documented_environment()
    assert documented["DJANGO_DEBUG"] == "false"
    assert "DJANGO_SECRET_KEY" not in documented  # each deployment sets its own
    assert documented["DJANGO_SECURE_SSL_REDIRECT"] == "true"


def test_the_deploy_check_has_nothing_to_say_about_the_documented_environment(tmp_path):
    result = run_deploy_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deploy_check_still_warns_when_https_is_turned_off(tmp_path):
    result = run_deploy_check(
        tmp_path, DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_SECURE_HSTS_SECONDS="0"
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_production_protections_are_on_without_any_variable(tmp_path):
    """Only the variables production cannot do without: every protection is a default."""
    values = print_settings(
        tmp_path,
        "(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE)",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="parcours.example.fr",
    )
    assert values == ["True", "31536000", "True", "True"]


def test_with_proconnect_the_sign_in_form_may_lead_to_the_provider_only(tmp_path):
    values = print_settings(
        tmp_path,
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']",
        DJANGO_DEBUG="true",
        PROCONNECT_ENABLED="true",
        PROCONNECT_CLIENT_ID="parcours",
        PROCONNECT_CLIENT_SECRET="secret",
        PROCONNECT_SERVER_URL="https://auth.agentconnect.gouv.fr/api/v2",
    )
    assert values == ["'self'", "https://auth.agentconnect.gouv.fr"]
