from datetime import timedelta
from unittest import mock

from django.core import signing

from lib import signed_links


def test_a_link_opens_for_its_purpose_only():
    token = signed_links.sign("a.purpose", {"thing": 7, "sent": "2026-11-30"})
    opened = signed_links.read(token, "a.purpose", max_age=timedelta(days=1))
    assert opened.data == {"thing": 7, "sent": "2026-11-30"} and not opened.expired
    assert signed_links.read(token, "another.purpose", max_age=timedelta(days=1)) is None


def test_a_tampered_or_made_up_token_is_not_ours():
    token = signed_links.sign("a.purpose", {"thing": 7})
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "jeton", "", signing.dumps([7], salt="a.purpose")):
        assert signed_links.read(bad, "a.purpose", max_age=timedelta(days=1)) is None


def test_an_old_token_is_ours_but_expired():
    token = signed_links.sign("a.purpose", {"thing": 7})
    later = signing.time.time() + 2 * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        opened = signed_links.read(token, "a.purpose", max_age=timedelta(days=1))
    assert opened.expired and opened.data == {"thing": 7}
