"""The link emailed to a partner service that has no account on Parcours, for one
service referral (`lib.signed_links`): it opens that referral only, to answer it
(accept, refuse with a reason, then say when it was done), and stops working after
LINK_DAYS or once a newer link was sent for the same referral.

Reading a token tells three cases apart: not ours (None: the page answers 404 whatever
the token names), ours but expired or replaced, and valid."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from lib import signed_links
from partner_services.models import ServiceReferral

PURPOSE = "partner_services.referral-link"
# Long enough to accept, receive the person and then say it is done.
LINK_DAYS = 60


@dataclass(frozen=True)
class LinkRead:
    referral: ServiceReferral
    expired: bool


def token_for(referral: ServiceReferral) -> str:
    return signed_links.sign(
        PURPOSE, {"referral": referral.pk, "sent": referral.link_sent_at.isoformat()}
    )


def expires_at(referral: ServiceReferral) -> datetime:
    return referral.link_sent_at + timedelta(days=LINK_DAYS)


def read(token: str) -> LinkRead | None:
    opened = signed_links.read(token, PURPOSE, max_age=timedelta(days=LINK_DAYS))
    if opened is None:
        return None
    referral = (
        ServiceReferral.objects.select_related(
            "person", "service", "from_organization", "by", "service__organization"
        )
        .filter(pk=opened.data.get("referral"))
        .first()
    )
    if referral is None or referral.link_sent_at is None:
        return None
    # Sent again since (or the service joined Parcours and answers there): only the
    # newest link works.
    replaced = referral.link_sent_at.isoformat() != opened.data.get("sent")
    return LinkRead(referral, opened.expired or replaced)
