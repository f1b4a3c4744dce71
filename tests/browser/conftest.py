"""Real-browser journeys: Playwright (sync API) driving the Debian Chromium against
pytest-django's live server, with axe-core accessibility checks on every page visited.

Playwright never downloads a browser here: it launches /usr/bin/chromium, and every request
that would leave the live server is blocked and recorded, so a page that tries to reach the
internet fails its test instead of hanging on the closed network."""

import csv
import os
import shutil
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command

from reference.loading import DEFAULT_DATA_DIR

# Playwright's sync API runs an asyncio event loop in the test thread; Django then sees a
# running loop and refuses ORM calls from that thread (SynchronousOnlyOperation), although
# they are plain synchronous calls made between two browser steps, never from a coroutine.
# The tests call the ORM to prepare data and to check what the browser did, so the guard is
# lifted for this directory only (the variable is read at each ORM call).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# A desktop viewport: below the DSFR "lg" breakpoint the header menu (and the organization
# switcher in it) becomes a modal behind the « Menu » button.
VIEWPORT = {"width": 1280, "height": 900}

# The departments of the demo territory (Maine-et-Loire, Aveyron): every commune of them
# is loaded, so the radius search sees real neighbours, but not the 35 000 of France.
DEMO_DEPARTMENTS = {"49", "12"}


@pytest.fixture(scope="session")
def reference_data_dir(tmp_path_factory) -> Path:
    """The project's reference files, with the communes cut down to the demo departments
    (loading takes a fraction of a second instead of seconds, per test)."""
    target = tmp_path_factory.mktemp("reference-data")
    for source in DEFAULT_DATA_DIR.glob("*.csv"):
        if source.name != "communes.csv":
            shutil.copy(source, target / source.name)
    with (
        (DEFAULT_DATA_DIR / "communes.csv").open(newline="", encoding="utf-8") as source,
        (target / "communes.csv").open("w", newline="", encoding="utf-8") as subset,
    ):
        reader = csv.DictReader(source)
        writer = csv.DictWriter(subset, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerows(row for row in reader if row["department"] in DEMO_DEPARTMENTS)
    return target


@pytest.fixture
def demo_territory(transactional_db, reference_data_dir):
    """Reference data and the demo territory, loaded by the project's own commands. The
    live server needs a transactional database, flushed after each test: hence per test."""
    # Rate limits and used TOTP codes must not leak from one test to the next (the flush
    # after a live-server test empties the models' tables, not the cache tables).
    cache.clear()
    caches["counters"].clear()
    call_command("load_reference_data", "--data-dir", str(reference_data_dir), stdout=StringIO())
    # A data migration seeds the barrier referential, but the flush after each live-server
    # test empties it: the demo people's barriers need it back.
    call_command("load_barrier_referential", stdout=StringIO())
    call_command("load_demo", "--quiet-accounts", stdout=StringIO())


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


# Every page runs under the site's Content-Security-Policy: a blocked script, style or
# image is reported in the console (by Chromium, and by this listener, which runs before
# the page's own scripts and is not subject to the policy).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` in ${event.sourceFile || document.location.pathname}:${event.lineNumber}`);
});
"""


def is_csp_violation(text: str) -> bool:
    return "CSP violation" in text or "Content Security Policy" in text


@pytest.fixture
def page(request, browser, live_server):
    """A fresh browser context (no cookies) per test, on the live server. Requests to any
    other host are aborted and listed; the test fails if there were any, or if the
    Content-Security-Policy blocked anything (`page.csp_violations`)."""
    # `make test-fast` deselects by marker: an unmarked journey would slip into it.
    assert request.node.get_closest_marker("browser"), "Marquez ce test : pytest.mark.browser"
    assert request.node.get_closest_marker("xdist_group"), "Ajoutez xdist_group('browser')"
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORT, locale="fr-FR", service_workers="block"
    )
    context.set_default_timeout(10_000)
    local_host = urlsplit(live_server.url).netloc
    outside_requests = []

    def keep_local(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == local_host:
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort()

    context.route("**/*", keep_local)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: is_csp_violation(message.text) and page.csp_violations.append(message.text),
    )
    yield page
    context.close()
    assert not outside_requests, f"Requêtes hors du serveur de test : {outside_requests}"
    assert not page.csp_violations, f"Bloqué par la CSP : {page.csp_violations}"
