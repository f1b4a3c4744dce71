"""Links emailed to someone who has no account (an employer's contact, a partner service
not on Parcours): a signed token is the only key to one object, for one purpose, for a
while.

The token carries a small dict (the object's id and a stamp of the sending, such as its
date, so that sending again can make the older link stop working) signed with the
purpose as salt: a token made for one purpose opens nothing of another. Reading it tells
three cases apart, and no more: not ours (tampered, made up, another purpose: None, so
the page answers the same 404 for all and nobody learns whether an object exists), ours
but past its age (`expired`), and valid. Whether the object still exists and the stamp
still matches is the caller's to check."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing


@dataclass(frozen=True)
class Opened:
    data: dict
    expired: bool


def sign(purpose: str, data: dict) -> str:
    return signing.dumps(data, salt=purpose)


def read(token: str, purpose: str, *, max_age: timedelta) -> Opened | None:
    """What the token says and whether it is past `max_age`; None when it is not one of
    ours for this purpose."""
    expired = False
    try:
        data = signing.loads(token or "", salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        expired = True
        data = signing.loads(token, salt=purpose)  # genuine: only its age is past
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return Opened(data, expired)
