"""The link emailed to a partner service that has no account on Parcours, for one
service referral (`lib.signed_links`): it opens that referral only, to answer it
(accept, refuse with a reason, then say when it was done), and stops working after
LINK_DAYS or once a newer link was sent for the same referral.

Reading a token tells three cases apart: not ours (None: the page answers 404 whatever
the token names), ours but expired or replaced, and valid."""

from dataclasses import dataclass
from datetime import datetime

from lib.signed_links import SignedLink
from partner_services.models import ServiceReferral

# Long enough to accept, receive the person and then say it is done.
LINK_DAYS = 60
LINK = SignedLink(
    salt="partner_services.referral-link",
    days=LINK_DAYS,
    key="referral",
    sent_field="link_sent_at",
)


@dataclass(frozen=True)
class LinkRead:
    referral: ServiceReferral
    expired: bool


def token_for(referral: ServiceReferral) -> str:
    return LINK.token_for(referral)


def expires_at(referral: ServiceReferral) -> datetime:
    return LINK.expiry_of(referral)


def read(token: str) -> LinkRead | None:
    """The referral the token names and whether the link still works (it stops once a
    newer link was sent, or the service joined Parcours and answers there)."""
    referrals = ServiceReferral.objects.select_related(
        "person", "service", "from_organization", "by", "service__organization"
    )
    opened = LINK.open(token, referrals)
    return LinkRead(*opened) if opened else None
