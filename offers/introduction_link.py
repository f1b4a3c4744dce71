"""The link emailed to the employer's contact for one introduction: a signed token naming
the introduction and when it was sent, so that it opens that introduction only, stops
working after INTRODUCTION_LINK_DAYS, and is replaced by the next sending (the old link
then reads as expired). The same idea as the offer's « toujours d'actualité » link
(`offers.confirmation`); the signing is `lib.signed_links`.

Reading a token tells three cases apart, and no more: not ours (tampered, made up, or
naming an introduction that no longer exists: the page answers 404, the same for all,
so nobody learns whether an introduction exists), ours but expired or replaced (a page
that says so and names the structure to contact), and valid."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from lib import signed_links
from offers.models import Introduction
from offers.state_machine import INTRODUCTION_LINK_DAYS

SALT = "offers.introduction-link"
MAX_AGE = timedelta(days=INTRODUCTION_LINK_DAYS)


@dataclass(frozen=True)
class LinkRead:
    introduction: Introduction
    expired: bool


def token_for(introduction: Introduction) -> str:
    return signed_links.sign(
        SALT, {"introduction": introduction.pk, "sent": introduction.sent_at.isoformat()}
    )


def expires_at(introduction: Introduction) -> datetime:
    return introduction.sent_at + timedelta(days=INTRODUCTION_LINK_DAYS)


def read(token: str) -> LinkRead | None:
    """The introduction the token names and whether the link still works; None when the
    token is not one of ours."""
    opened = signed_links.read(token, SALT, max_age=MAX_AGE)
    if opened is None:
        return None
    data, expired = opened.data, opened.expired
    introduction = (
        Introduction.objects.select_related(
            "offer__company__organization", "introduced_by", "person"
        )
        .filter(pk=data.get("introduction"))
        .first()
    )
    if introduction is None or introduction.sent_at is None:
        return None
    if introduction.sent_at.isoformat() != data.get("sent"):
        expired = True  # sent again since: only the newest link works
    return LinkRead(introduction, expired)
