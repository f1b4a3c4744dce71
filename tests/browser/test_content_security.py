"""The key pages under the Content-Security-Policy: nothing is blocked (the `page` fixture
fails a test on any violation), the design system's menus and htmx still work, and an
injected inline script does not run."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.steps import open_main_nav_link, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
    page.wait_for_load_state("load")  # the DSFR and htmx scripts have run


def test_the_public_pages_run_under_the_policy(page, demo_territory):
    for url in (reverse("account_login"), reverse("public_offer_list"), reverse("self_referral")):
        _visit(page, url)
    # An offer and its « Je suis intéressé·e » form (its robot trap is hidden by the CSS).
    page.goto(reverse("public_offer_list"))
    page.locator("main table").get_by_role("link").filter(has_text=re.compile(r"\w")).first.click()
    expect(page.locator("#interesse")).to_be_visible()
    expect(page.locator(".parcours-honeypot input")).not_to_be_in_viewport()
    # The API documentation: Swagger UI from the site's own static files.
    _visit(page, "/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API Parcours")
    assert page.csp_violations == []


def test_signed_in_pages_menus_and_htmx_work_under_the_policy(page, demo_territory):
    sign_in(page, SOPHIE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
    # htmx is a deferred script: on a busy machine it may run after the heading shows.
    page.wait_for_function("() => typeof htmx !== 'undefined'")
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False

    # A drop-down menu of the header (the design system's script) and a person's page.
    open_main_nav_link(page, "Personnes suivies")
    page.locator("table").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/personnes/\d+/$"))

    # htmx: the live commune search fills its results in place.
    _visit(page, reverse("commune_search"))
    page.get_by_label("Nom de la commune ou code postal").press_sequentially("trelaze", delay=30)
    expect(page.locator("#commune-results").get_by_role("link", name="Trélazé")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(reverse("commune_search")) + "$"))
    # htmx injected no <style> of its own (it would be refused).
    assert page.locator("style").count() == 0
    assert page.csp_violations == []


def test_an_injected_inline_script_is_refused_and_reported(page, transactional_db):
    _visit(page, reverse("account_login"))
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
          return window.injected === true;
        }"""
    )
    assert ran is False
    page.wait_for_timeout(100)  # the violation event is dispatched asynchronously
    assert any("script-src" in violation for violation in page.csp_violations)
    page.csp_violations.clear()  # expected here: the fixture must not fail the test
