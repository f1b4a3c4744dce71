from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts import session_renewal


def _expiry(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


@pytest.fixture
def signed_in(client, team):
    client.force_login(team.colleague)
    client.get("/")  # the first page renews the fresh session
    return client


def test_an_unchanged_session_is_not_rewritten_by_each_page(signed_in):
    before = _expiry(signed_in).expire_date
    response = signed_in.get("/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert _expiry(signed_in).expire_date == before


def test_an_unchanged_session_is_renewed_once_its_last_renewal_is_a_minute_old(signed_in):
    session = signed_in.session
    session[session_renewal.RENEWED_KEY] -= session_renewal.RENEW_SECONDS
    session.save()
    stored = _expiry(signed_in)
    stored.expire_date = timezone.now() + timedelta(minutes=5)
    stored.save()
    response = signed_in.get("/")
    assert settings.SESSION_COOKIE_NAME in response.cookies
    renewed = _expiry(signed_in).expire_date
    assert renewed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_session_that_changed_is_saved_at_once(signed_in, team):
    response = signed_in.post(
        "/organisation/changer/", {"organization": team.organization.pk, "next": "/"}, follow=False
    )
    assert response.status_code in (302, 303)
    assert settings.SESSION_COOKIE_NAME in response.cookies
