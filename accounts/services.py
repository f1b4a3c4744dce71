from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken


@transaction.atomic
def api_token_create(*, user, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Returns the token and its raw value, to be shown once and never again. The entry
    points ask for the password again before calling this (a session left open is not
    enough to mint a lasting credential)."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError("La date d'expiration doit être dans le futur.")
    raw = ApiToken.generate_raw()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[4 : 4 + ApiToken.PREFIX_LENGTH],
        digest=ApiToken.digest_of(raw),
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


@transaction.atomic
def api_tokens_revoke_all(*, user) -> int:
    """Every live token of the user, revoked (their password changed: whoever knew the
    old one may have made a token with it). Returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
