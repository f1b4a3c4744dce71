"""The platform admin signs in through the site's sign-in and its second factor only."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from tests.factories.accounts import PASSWORD, UserFactory
from tests.totp import current_code

SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def staff(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, SECRET)
    return user


def _code() -> str:
    return current_code(SECRET)


def test_the_admin_login_page_sends_to_the_site_sign_in_with_next(client, db):
    response = client.get("/admin-plateforme/login/", {"next": "/admin-plateforme/accounts/user/"})
    assert response.status_code == 302
    assert response["Location"] == "/comptes/login/?next=%2Fadmin-plateforme%2Faccounts%2Fuser%2F"
    # No password form of its own: a post is sent the same way, nobody is signed in.
    client.post("/admin-plateforme/login/", {"username": "x@exemple.fr", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_foreign_next_is_not_followed(client, db):
    response = client.get("/admin-plateforme/login/", {"next": "https://ailleurs.example/"})
    assert response["Location"] == "/comptes/login/?next=%2Fadmin-plateforme%2F"


def test_a_session_without_the_second_factor_does_not_open_the_admin(client, staff):
    client.force_login(staff)  # a session that went through no second factor
    response = client.get("/admin-plateforme/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin-plateforme/login/")
    step = client.get(response["Location"])
    assert step["Location"].startswith("/comptes/2fa/reauthenticate/?next=")


def test_a_staff_member_without_totp_is_sent_to_enrol(client, db):
    user = UserFactory(is_staff=True)
    response = client.post("/comptes/login/", {"login": user.email, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(user.pk)  # signed in with a password
    response = client.get("/admin-plateforme/")
    assert response.status_code == 302 and "/admin-plateforme/" not in response["Location"]


def test_a_signed_in_member_who_is_not_staff_is_refused(client, team):
    client.force_login(team.colleague)
    assert client.get("/admin-plateforme/login/").status_code == 403
    assert client.get("/admin-plateforme/").status_code == 302


def test_after_password_and_totp_the_admin_opens(client, staff):
    response = client.post(
        "/comptes/login/?next=/admin-plateforme/",
        {"login": staff.email, "password": PASSWORD, "next": "/admin-plateforme/"},
    )
    assert response["Location"] == "/comptes/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in
    response = client.post("/comptes/2fa/authenticate/", {"code": _code()})
    assert response.status_code == 302 and response["Location"] == "/admin-plateforme/"
    assert client.get("/admin-plateforme/").status_code == 200
    assert client.get("/admin-plateforme/accounts/user/").status_code == 200


def test_a_password_session_passes_the_second_factor_again_to_reach_the_admin(client, staff):
    client.force_login(staff)
    response = client.post(
        "/comptes/2fa/reauthenticate/?next=/admin-plateforme/",
        {"code": _code(), "next": "/admin-plateforme/"},
    )
    assert response.status_code == 302
    assert client.get("/admin-plateforme/").status_code == 200
