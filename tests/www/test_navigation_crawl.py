"""No link a demo persona is offered answers 403 (or leads nowhere): for each persona,
follow the links of the pages reachable from the home page — the header's navigation
first, then the links of the pages it opens (a person's tabs among them) — and ask each
page once."""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

from accounts.models import User
from demo.territory import DEMO_EMAIL_DOMAIN
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
# Leaving (sign-out) and the platform's own admin are not pages of the product's
# navigation; static files are not pages.
SKIPPED = ("/comptes/logout", "/admin-plateforme", "/static/", "/media/")
PAGES_PER_PERSONA = 45


def _links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        url, _ = urldefrag(unescape(href))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue  # another site, a mail link, an anchor
        if url.startswith(SKIPPED):
            continue
        found.append(url)
    return found


def _family(url: str) -> str:
    """Pages of one kind (every person's summary) are asked once or twice, not all: the
    numbers of a path and the query string stand for the kind."""
    return re.sub(r"\d+", "N", urlsplit(url).path)


def _crawl(client) -> dict[tuple[str, str], int]:
    """{(page, the page that offered its link): status}"""
    seen_families: dict[str, int] = {}
    statuses: dict[tuple[str, str], int] = {}
    asked: set[str] = set()
    queue = deque([("/", "")])
    while queue and len(asked) < PAGES_PER_PERSONA:
        url, origin = queue.popleft()
        if url in asked or seen_families.get(_family(url), 0) >= 2:
            continue
        asked.add(url)
        seen_families[_family(url)] = seen_families.get(_family(url), 0) + 1
        response = client.get(url)
        statuses[url, origin] = response.status_code
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            queue.extend((link, url) for link in _links(response.content.decode()))
    return statuses


def test_no_link_offered_to_a_demo_persona_answers_403_or_404(demo_territory, client):  # noqa: F811
    broken = {}
    personas = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").order_by("email")
    assert personas.count() >= 15
    for user in personas:
        client.force_login(user)
        statuses = _crawl(client)
        assert len(statuses) > 5, user.email  # the crawl did go somewhere
        bad = {
            f"{url} (lien de {origin})": code
            for (url, origin), code in statuses.items()
            if code in (403, 404) or code >= 500
        }
        if bad:
            broken[user.email] = bad
        client.logout()
    assert broken == {}
