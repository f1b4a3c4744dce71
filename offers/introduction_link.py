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
    return LINK.token_for(introduction)


def expires_at(introduction: Introduction) -> datetime:
    return LINK.expiry_of(introduction)


def read(token: str) -> LinkRead | None:
    """The introduction the token names and whether the link still works; None when the
    token is not one of ours."""
    introductions = Introduction.objects.select_related(
        "offer__company__organization", "introduced_by", "person"
    )
    opened = LINK.open(token, introductions)
    return LinkRead(*opened) if opened else None
