"""One-time tokens of the public forms.

The page hands out a signed token (a random nonce and the time it was shown). On a
successful submit the nonce is claimed in the shared cache: the same form sent again,
by a double click or a script replaying the request, finds it taken and writes nothing.
The time also tells a robot answering within seconds from a person reading the form.

The claim is kept for as long as the token is valid: past that age the token is refused
anyway, so the cache never needs to remember it longer."""

import secrets
from contextlib import contextmanager
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError

from lib import rate_limit

REPLAYED_CODE = "replayed"
REPLAYED = (
    "Ce formulaire a déjà été envoyé : votre demande est bien arrivée. Pour en envoyer "
    "une autre, rechargez la page."
)


@dataclass(frozen=True)
class FormToken:
    purpose: str
    nonce: str
    issued_at: float

    def age(self) -> float:
        return rate_limit.now() - self.issued_at

    def _key(self) -> str:
        return f"form-token:{self.purpose}:{self.nonce}"

    def claim(self, *, keep_seconds: int) -> bool:
        """True for the first submit of this token, False for every replay."""
        return cache.add(self._key(), 1, timeout=keep_seconds)

    def release(self) -> None:
        """The submit failed after the claim: the visitor may correct it and send again."""
        cache.delete(self._key())


def _salt(purpose: str) -> str:
    return f"lib.form_tokens:{purpose}"


def issue(purpose: str, *, at: float | None = None) -> str:
    payload = {"n": secrets.token_urlsafe(16), "t": rate_limit.now() if at is None else at}
    return signing.dumps(payload, salt=_salt(purpose))


def read(raw: str, purpose: str) -> FormToken | None:
    """The token if it is one of ours for this purpose, untouched; None otherwise."""
    try:
        payload = signing.loads(raw or "", salt=_salt(purpose))
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    nonce, issued_at = payload.get("n"), payload.get("t")
    if not isinstance(nonce, str) or not isinstance(issued_at, int | float):
        return None
    return FormToken(purpose=purpose, nonce=nonce, issued_at=float(issued_at))


@contextmanager
def used_once(token: FormToken, *, keep_seconds: int):
    """Runs the block for the token's first submit. A replay raises a ValidationError
    with a French message; a block that fails gives the token back."""
    if not token.claim(keep_seconds=keep_seconds):
        raise ValidationError(REPLAYED, code=REPLAYED_CODE)
    try:
        yield
    except BaseException:
        token.release()
        raise
