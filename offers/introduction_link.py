"""The link emailed to the employer's contact for one introduction (`lib.signed_links`):
it opens that introduction only, stops working after INTRODUCTION_LINK_DAYS, and is
replaced by the next sending (the old link then reads as expired). The same idea as the
offer's « toujours d'actualité » link (`offers.confirmation`).

Reading a token tells three cases apart, and no more: not ours (tampered, made up, or
naming an introduction that no longer exists: the page answers 404, the same for all,
so nobody learns whether an introduction exists), ours but expired or replaced (a page
that says so and names the structure to contact), and valid."""

from dataclasses import dataclass
from datetime import datetime

from lib.signed_links import SignedLink
from offers.models import Introduction
from offers.state_machine import INTRODUCTION_LINK_DAYS

LINK = SignedLink(salt="offers.introduction-link", days=INTRODUCTION_LINK_DAYS, key="introduction")


@dataclass(frozen=True)
class LinkRead:
    introduction: Introduction
    expired: bool


def token_for(introduction: Introduction) -> str:
    return LINK.token(introduction.pk, introduction.sent_at)


def expires_at(introduction: Introduction) -> datetime:
    return LINK.expires_at(introduction.sent_at)


def read(token: str) -> LinkRead | None:
    """The introduction the token names and whether the link still works; None when the
    token is not one of ours."""
    reading = LINK.read(token)
    if reading is None:
        return None
    introduction = (
        Introduction.objects.select_related(
            "offer__company__organization", "introduced_by", "person"
        )
        .filter(pk=reading.pk)
        .first()
    )
    if introduction is None or introduction.sent_at is None:
        return None
    # Sent again since: only the newest link works.
    expired = reading.expired or not reading.names_sending(introduction.sent_at)
    return LinkRead(introduction, expired)
