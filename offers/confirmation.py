"""The one-click « toujours d'actualité » link of the reminder email: a signed token naming
the offer and its last update, so a link stops working once the offer was updated (or
confirmed) since, and after REMINDER_LINK_DAYS."""

from django.core import signing

SALT = "offers.still-current"
REMINDER_LINK_DAYS = 30


def token_for(offer) -> str:
    return signing.dumps(
        {"offer": offer.pk, "updated": offer.last_updated_at.isoformat()}, salt=SALT
    )


def offer_from_token(token: str, *, offers):
    """The offer the token names, among `offers`, if the token is genuine, recent and
    the offer was not updated since; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=REMINDER_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    offer = offers.filter(pk=data.get("offer")).first()
    if offer is None or offer.last_updated_at.isoformat() != data.get("updated"):
        return None
    return offer
