"""Links emailed to someone without an account (an employer's contact): a signed token
naming one object and when the link was sent. The token opens that object only, stops
working after a number of days, and is replaced by the next sending: the object keeps
its `sent_at`, and a token naming another sending reads as expired.

Reading a token tells three cases apart, and no more: not ours (tampered, made up, of
another kind of link: None, which the pages answer with the same 404 whatever the token
names, so nobody learns whether an object exists), ours but expired, and valid. Whether
the object still exists and was not sent again since is the caller's to check with
`Reading.names_sending`."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing


@dataclass(frozen=True)
class Reading:
    pk: object
    sent: str
    expired: bool

    def names_sending(self, sent_at: datetime | None) -> bool:
        """The token was made for this sending (the newest one) of the object."""
        return sent_at is not None and sent_at.isoformat() == self.sent


@dataclass(frozen=True)
class SignedLink:
    salt: str  # one per kind of link: a token of one kind never opens another
    days: int
    key: str  # the payload's name of the object (kept: tokens already sent must read)
    sent_field: str = "sent_at"  # the object's field that stamps its newest sending

    def token(self, pk: int, sent_at: datetime) -> str:
        return signing.dumps({self.key: pk, "sent": sent_at.isoformat()}, salt=self.salt)

    def expires_at(self, sent_at: datetime) -> datetime:
        return sent_at + timedelta(days=self.days)

    def token_for(self, obj) -> str:
        """The link of the object's newest sending."""
        return self.token(obj.pk, getattr(obj, self.sent_field))

    def expiry_of(self, obj) -> datetime:
        return self.expires_at(getattr(obj, self.sent_field))

    def open(self, token: str, queryset):
        """(object, expired) for the object of `queryset` the token names, expired also
        when it was sent again since (only the newest link works); None when the token
        is not ours or names nothing that was sent."""
        reading = self.read(token)
        if reading is None:
            return None
        obj = queryset.filter(pk=reading.pk).first()
        sent_at = getattr(obj, self.sent_field, None)
        if sent_at is None:
            return None
        return obj, reading.expired or not reading.names_sending(sent_at)

    def read(self, token: str) -> Reading | None:
        expired = False
        try:
            data = signing.loads(token, salt=self.salt, max_age=self.days * 86400)
        except signing.SignatureExpired:
            expired = True
            data = signing.loads(token, salt=self.salt)  # genuine: only its age is past
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get(self.key), int):
            return None
        return Reading(pk=data[self.key], sent=str(data.get("sent")), expired=expired)
