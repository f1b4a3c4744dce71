from django.utils import timezone
from ninja.security import HttpBearer

from accounts.models import ApiToken
from audit.context import act_for_this_request


class BearerToken(HttpBearer):
    """`Authorization: Bearer prc_…`. The request's user becomes the token's owner, so
    every endpoint applies the same `visible_to(user)` scoping as the web pages."""

    def authenticate(self, request, token: str):
        api_token = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(digest=ApiToken.digest_of(token))
            .first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        # Touch at most once a minute: a busy client must not write on every call.
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        request.api_token = api_token
        # The audit middleware ran before the token was read: without this, every write
        # through the API would be recorded as the system's.
        act_for_this_request(api_token.user)
        return api_token.user
