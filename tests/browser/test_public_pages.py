"""The pages anyone can reach: sign-in and the legal pages, for keyboard and screen-reader
users."""

import pytest
from django.urls import reverse

from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PUBLIC_PAGES = [
    ("account_login", "Se connecter à Parcours"),
    ("legal_notice", "Mentions légales"),
    ("personal_data", "Données personnelles"),
    ("accessibility", "accessibilité"),
]


def test_it_serves_accessible_public_pages_with_a_skip_link_first(page, transactional_db):
    for url_name, heading in PUBLIC_PAGES:
        page.goto(reverse(url_name))
        h1 = page.locator("h1")
        assert heading.lower() in h1.inner_text().lower(), f"{url_name} : titre {h1.inner_text()!r}"
        assert_accessible(page)

        # A keyboard user's first Tab lands on the « Contenu » skip link, which leads to main.
        page.locator("body").focus()
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.textContent.trim(),"
            " document.activeElement.getAttribute('href')]"
        )
        assert focused == ["Contenu", "#contenu"], f"{url_name} : premier focus {focused}"
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "contenu"
