"""Headers every page carries: the Content-Security-Policy, the Permissions-Policy, and
no caching of what may hold personal data."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from plans import services as plan_services
from plans.enums import DocumentKind
from tests.factories import files

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_every_page_forbids_inline_scripts_and_styles_and_framing(client, team):
    client.force_login(team.colleague)
    directives = _directives(client.get(reverse("home")))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert not any("'unsafe-" in source for values in directives.values() for source in values)


def test_the_public_pages_carry_the_policy_too(client):
    response = client.get(reverse("public_offer_list"))
    assert _directives(response)["script-src"] == ["'self'"]


def test_pages_refuse_powerful_browser_features(client):
    policy = client.get(reverse("account_login"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy.split(", ")


def test_a_signed_in_page_is_never_stored(client, team, followed):
    client.force_login(team.colleague)
    for url in (reverse("home"), reverse("person_detail", args=[followed.person.pk])):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_api_answers_are_never_stored_even_refusals(client, bearer, team):
    assert "no-store" in client.get("/api/v1/me", headers=bearer(team.colleague))["Cache-Control"]
    assert "no-store" in client.get("/api/v1/me")["Cache-Control"]


def test_a_public_form_shown_again_with_what_was_typed_is_not_stored(client):
    response = client.post(reverse("account_login"), {"login": "a@exemple.fr", "password": "x"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_pages_read_anonymously_and_static_files_stay_cacheable(client):
    for url in (reverse("public_offer_list"), reverse("legal_notice")):
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url
    static = client.get(settings.STATIC_URL + "css/parcours.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_no_url_serves_the_uploaded_files(client, team, followed):
    document = plan_services.document_upload(
        person=followed.person,
        kind=DocumentKind.CV,
        file=files.pdf_upload("cv-secret.pdf"),
        uploaded_by=team.colleague,
        organization=team.organization,
    )
    client.force_login(team.colleague)
    for path in (settings.MEDIA_URL + document.file.name, "/" + document.file.name):
        with pytest.raises(Resolver404):
            resolve(path)
        assert client.get(path).status_code == 404, path


def test_uploaded_files_are_stored_apart_from_the_static_files():
    media = settings.MEDIA_ROOT.resolve()
    # STATIC_ROOT is VAR_DIR/static outside the tests (nothing is collected in them).
    static_roots = [Path(folder) for folder in settings.STATICFILES_DIRS]
    for root in [*static_roots, settings.VAR_DIR / "static"]:
        root = root.resolve()
        assert not media.is_relative_to(root) and not root.is_relative_to(media), root
