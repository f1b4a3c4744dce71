"""A session that expires after inactivity, renewed at most once a minute.

Django's SESSION_SAVE_EVERY_REQUEST rewrites the session row and its cookie on every
request, even when nothing in it changed: one UPDATE and a signed cookie per page, for an
expiry date that moves by a few seconds. Here an unchanged session is saved only when its
last renewal is older than RENEW_SECONDS; a session that changed is saved as always. The
session then lasts SESSION_COOKIE_AGE after the last request, give or take that minute."""

import time

from django.contrib.sessions.middleware import SessionMiddleware

RENEW_SECONDS = 60
RENEWED_KEY = "_renewed_at"


class RenewingSessionMiddleware(SessionMiddleware):
    """Django's SessionMiddleware (with SESSION_SAVE_EVERY_REQUEST off) that marks a
    stale, unchanged session as modified, so that Django saves it and resets its cookie."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.modified:
            now = int(time.time())
            if not session.is_empty() and now - session.get(RENEWED_KEY, 0) >= RENEW_SECONDS:
                session[RENEWED_KEY] = now
        return super().process_response(request, response)
