"""Walk every URL pattern of the site and every API route with a stranger's session: a
member of another organization must never get the team's data, nor change it.

A new URL is covered as soon as it exists; its keyword arguments are filled from
SAMPLE_ARGUMENTS, which a new kind of argument must extend (the test fails otherwise)."""

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.services import api_token_create
from audit.models import AuditEntry
from organizations.enums import Role
from organizations.models import Invitation, Membership

# Third-party areas with their own guarantees (sign-in pages, Django admin for staff).
SKIPPED_PREFIXES = ("comptes/", "admin-plateforme/", "api/v1/")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def site_routes():
    return [
        (route, pattern.name)
        for route, pattern in _walk(get_resolver().url_patterns)
        if not route.startswith(SKIPPED_PREFIXES)
    ]


def api_routes():
    from api.v1 import api

    return [(str(p.pattern), p.name) for p in api.urls[0] if isinstance(p, URLPattern)]


def api_bodies() -> dict:
    """The JSON bodies sent with POST, by route name: a `samples_*.py` module may give
    them in its API_BODIES (route name → function of the arguments), so that a write
    is tried with the team's objects; other routes get an empty body."""
    bodies = {}
    for module in sorted(Path(__file__).parent.glob("samples_*.py")):
        bodies.update(getattr(import_module(f"tests.access.{module.stem}"), "API_BODIES", {}))
    return bodies


def api_call(client, method: str, path: str, name: str, arguments: dict, headers: dict):
    """GET; DELETE; PATCH with an empty change; or POST with the route's sample body
    (`api_bodies`) filled from `arguments`."""
    if method == "get":
        return client.get(path, headers=headers, content_type="application/json")
    if method == "delete":
        return client.delete(path, headers=headers, content_type="application/json")
    if method == "patch":
        return client.patch(path, {}, headers=headers, content_type="application/json")
    body = api_bodies().get(name)
    return client.post(
        path,
        body(arguments) if body else None,
        headers=headers,
        content_type="application/json",
    )


def _fill(route: str, arguments: dict) -> str:
    def replace(match):
        name = match.group("name")
        if name not in arguments:
            pytest.fail(f"Ajoutez un exemple pour l'argument « {name} » de la route {route}")
        return str(arguments[name])

    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", replace, route)
    path = re.sub(r"\{(?P<name>\w+)\}", replace, path)
    return "/" + path.lstrip("^").rstrip("$")


def body_of(response) -> str:
    """What a page or a file answered (an export streams its CSV)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _state(team):
    return (
        Membership.objects.filter(organization=team.organization, is_active=True).count(),
        Membership.objects.filter(organization=team.organization, role=Role.ADMIN).count(),
        Invitation.objects.pending().filter(organization=team.organization).count(),
        AuditEntry.objects.filter(organization=team.organization).count(),
    )


def test_it_walks_a_meaningful_number_of_routes():
    assert len(site_routes()) >= 10
    assert len(api_routes()) >= 4


def test_a_stranger_gets_nothing_from_any_page(client, team, secrets_of_the_team):
    markers, arguments = secrets_of_the_team
    client.force_login(team.stranger)
    before = _state(team)
    for route, name in site_routes():
        path = _fill(route, arguments)
        for method in (client.get, client.post):
            response = method(path)
            body = body_of(response)
            leaked = [m for m in markers if m in body]
            assert not leaked, f"{method.__name__.upper()} {path} ({name}) montre {leaked}"
            assert response.status_code in (200, 302, 400, 403, 404, 405), (
                f"{method.__name__.upper()} {path} ({name}) : {response.status_code}"
            )
    assert _state(team) == before, "un étranger a modifié les données de l'équipe"


def test_a_stranger_gets_nothing_from_the_api(client, team, secrets_of_the_team):
    markers, arguments = secrets_of_the_team
    _, raw = api_token_create(user=team.stranger, name="étranger")
    headers = {"Authorization": f"Bearer {raw}"}
    before = _state(team)
    for route, name in api_routes():
        path = "/api/v1" + _fill(route, arguments)
        # PATCH too (the changes of an event, a group, an offer… answer on the same
        # paths), with an empty change: it passes validation, so the scope answers;
        # and DELETE (a wish, a group's meeting or participant).
        for method in ("get", "post", "patch", "delete"):
            response = api_call(client, method, path, name, arguments, headers)
            body = body_of(response)
            leaked = [m for m in markers if m in body]
            assert not leaked, f"{method.upper()} {path} ({name}) montre {leaked}"
            # 202: an export of the stranger's own lists started (empty of the team's).
            assert response.status_code in (200, 202, 400, 403, 404, 405, 422), (
                f"{method.upper()} {path} ({name}) : {response.status_code}"
            )
    assert _state(team) == before


def test_an_anonymous_visitor_is_sent_to_sign_in(client, team, secrets_of_the_team):
    markers, arguments = secrets_of_the_team
    public = {"legal_notice", "personal_data", "accessibility", "invitation_accept"}
    public |= {"self_referral", "self_referral_form", "self_referral_thanks"}
    public |= {"public_offer_list", "public_offer_detail", "public_offer_sent"}
    public |= {"public_commune_options", "public_job_options", "offer_still_current"}
    public |= {"introduction_link"}  # the emailed link: its token is the key
    public |= {"public_story_list", "public_story_detail", "public_story_pdf"}
    public |= {"employer_follow_up"}  # the employer's follow-up link: the same
    public |= {"service_referral_link"}  # the same, for a service without an account
    public |= {"public_event_list", "public_event", "public_event_thanks"}
    public |= {"calendar_feed"}  # a calendar's secret link: its key is the key
    for route, name in site_routes():
        response = client.get(_fill(route, arguments))
        body = body_of(response)
        assert not [m for m in markers if m in body]
        if name not in public:
            assert response.status_code in (302, 405), f"{route} ({name}) : {response.status_code}"
            if response.status_code == 302:
                assert response["Location"].startswith("/comptes/login/")


def test_the_api_refuses_a_missing_or_revoked_token(client, team):
    token, raw = api_token_create(user=team.colleague, name="t")
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    token.revoked_at = token.created_at
    token.save()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401
    assert "jeton" in response.json()["detail"]
