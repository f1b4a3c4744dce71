from datetime import UTC, datetime
from unittest import mock

from django.core import signing

from lib.signed_links import SignedLink

LINK = SignedLink(salt="a.purpose", days=1, key="thing")
SENT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_a_link_opens_its_own_object_for_its_own_sending():
    reading = LINK.read(LINK.token(7, SENT))
    assert reading.pk == 7 and not reading.expired
    assert reading.names_sending(SENT)
    assert not reading.names_sending(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    assert not reading.names_sending(None)


def test_a_token_of_another_kind_of_link_opens_nothing():
    other = SignedLink(salt="another.purpose", days=1, key="thing")
    assert LINK.read(other.token(7, SENT)) is None


def test_a_tampered_or_made_up_token_is_not_ours():
    token = LINK.token(7, SENT)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    made_up = [tampered, "jeton", "", signing.dumps([7], salt="a.purpose")]
    made_up.append(signing.dumps({"thing": "7"}, salt="a.purpose"))  # not an id
    for bad in made_up:
        assert LINK.read(bad) is None


def test_an_old_token_is_ours_but_expired():
    token = LINK.token(7, SENT)
    later = signing.time.time() + 2 * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        reading = LINK.read(token)
    assert reading.expired and reading.pk == 7
