"""Steps the journeys share: signing in through the real forms, as a person would."""

import re

from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from demo.territory import DEMO_PASSWORD, DEMO_TOTP_SECRET
from lib.text import of
from tests.browser.axe import assert_accessible
from tests.totp import current_code


def current_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app would show now for the demo admins' secret."""
    return current_code(secret)


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Fill in and send the sign-in form; checks the form's accessibility on the way."""
    page.goto(reverse("account_login"))
    assert_accessible(page)
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter", exact=True).click()


def open_main_nav_link(page, name: str) -> None:
    """Follow a link of the header's main navigation (desktop viewport), opening the
    drop-down menu that holds it first when it is in one."""
    navigation = page.get_by_role("navigation", name="Menu principal")
    link = navigation.get_by_role("link", name=name, exact=True)
    item = navigation.locator(".fr-nav__item").filter(
        # A collapsed menu hides its links from the accessibility tree.
        has=page.get_by_role("link", name=name, exact=True, include_hidden=True)
    )
    button = item.get_by_role("button")
    if button.count() == 0:  # a link of the bar itself
        link.click()
        return
    # The menus open through the design system's scripts: wait until the menu is set up
    # by them, or a click made before does nothing.
    menu = page.locator(f"#{button.get_attribute('aria-controls')}")
    expect(menu).to_have_attribute("data-fr-js-collapse", "true")
    # The design system may still close a menu it is setting up, right after it opened
    # (seen now and then in headless Chromium): open it again, up to three times.
    for attempt in range(3):
        if button.get_attribute("aria-expanded") != "true":
            button.click()
        try:
            link.click(timeout=3000)
            return
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise


def open_person_tab(page, person: str, tab: str) -> None:
    """Follow one of the tabs of a person's pages, and check it is the current one."""
    tabs = page.get_by_role("navigation", name=f"Dossier {of(person)}")
    tabs.get_by_role("link", name=tab, exact=True).click()
    expect(tabs.get_by_role("link", name=tab, exact=True)).to_have_attribute("aria-current", "page")


def sign_out(page) -> None:
    """The header's « Se déconnecter » button: back to the sign-in page."""
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("account_login"))))
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)


def tick(checkbox) -> None:
    """Tick a DSFR checkbox the way a person does, through its label (the DSFR label is
    drawn over the input, which Playwright's `check()` cannot click)."""
    label = checkbox.page.locator(f'label[for="{checkbox.get_attribute("id")}"]')
    # The design system sets the checkbox up after load; on a busy machine a click that
    # lands before it can be lost, so wait for it, and click again if the box stayed empty.
    expect(checkbox).to_have_attribute("data-fr-js-checkbox-input", "true")
    for _attempt in range(3):
        if checkbox.is_checked():
            break
        label.click()
        try:
            expect(checkbox).to_be_checked(timeout=2_000)
        except AssertionError:
            continue
    expect(checkbox).to_be_checked()


def open_form(scope, name: str):
    """Open a form shown on demand (« Ajouter une action », « Changer d'étape »…) in
    `scope` (a page or a section of it), as a person does: its toggle loads it in place.
    Checks the toggle says it is open and the focus is in the form; returns the place
    the form opened in, to fill it."""
    toggle = scope.get_by_role("link", name=name, exact=True)
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page = getattr(scope, "page", scope)
    slot = page.locator(f"#{toggle.get_attribute('aria-controls')}")
    expect(slot.locator("form")).to_be_visible()
    expect(slot.locator(":focus")).to_have_count(1)
    return slot
