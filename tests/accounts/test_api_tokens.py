import datetime

import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import api_token_create
from tests.factories.accounts import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def _me(client, raw):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code


def test_it_creates_a_token_shown_once(client, team):
    client.force_login(team.colleague)
    response = client.post("/compte/jetons/", {"name": "tableur", "password": PASSWORD})
    raw = response.context["created_raw"]
    assert raw.startswith("prc_")
    assert _me(client, raw) == 200
    assert raw not in client.get("/compte/jetons/").content.decode()
    token = ApiToken.objects.get(user=team.colleague)
    client.post(f"/compte/jetons/{token.pk}/revoquer/", {"confirmation": "oui"})
    assert _me(client, raw) == 401


def test_creating_a_token_asks_for_the_password_again(client, team):
    client.force_login(team.colleague)
    missing = client.post("/compte/jetons/", {"name": "tableur"})
    wrong = client.post("/compte/jetons/", {"name": "tableur", "password": "pas le bon"})
    assert missing.status_code == 400 and "Saisissez votre mot de passe" in missing.content.decode()
    assert wrong.status_code == 400 and "Mot de passe incorrect" in wrong.content.decode()
    assert 'value="tableur"' in wrong.content.decode()
    assert not ApiToken.objects.exists()


def test_the_password_asked_again_goes_through_the_sign_in_throttle(client, team):
    client.force_login(team.colleague)
    for _ in range(5):
        client.post("/compte/jetons/", {"name": "tableur", "password": "pas le bon"})
    response = client.post("/compte/jetons/", {"name": "tableur", "password": PASSWORD})
    assert "réessayez dans" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_stops_working_at_its_expiry_date(client, team):
    client.force_login(team.colleague)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        "/compte/jetons/",
        {"name": "tableur", "password": PASSWORD, "expires_on": tomorrow.isoformat()},
    )
    raw = response.context["created_raw"]
    assert _me(client, raw) == 200
    token = ApiToken.objects.get()
    assert timezone.localtime(token.expires_at).date() == tomorrow
    token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    token.save()
    assert _me(client, raw) == 401
    assert "expiré" in client.get("/compte/jetons/").content.decode()


def test_an_expiry_date_must_be_in_the_future(client, team):
    client.force_login(team.colleague)
    response = client.post(
        "/compte/jetons/",
        {"name": "x", "password": PASSWORD, "expires_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400 and "à partir de demain" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_password_change_revokes_the_tokens(client, team):
    _, raw = api_token_create(user=team.colleague, name="script")
    client.force_login(team.colleague)
    response = client.post(
        "/comptes/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Un-Autre-Secret-42",
            "password2": "Un-Autre-Secret-42",
        },
    )
    assert response.status_code == 302
    assert _me(client, raw) == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_a_password_set_by_any_other_path_revokes_the_tokens(client, team):
    # The admin's form, a reset and `changepassword` all end in set_password and save.
    _, raw = api_token_create(user=team.colleague, name="script")
    team.colleague.set_password("Un-Autre-Secret-42")
    team.colleague.save()
    assert _me(client, raw) == 401


def test_saving_a_user_without_a_new_password_keeps_the_tokens(client, team):
    _, raw = api_token_create(user=team.colleague, name="script")
    team.colleague.first_name = "Autre"
    team.colleague.save()
    assert _me(client, raw) == 200


def test_reauthentication_checks_the_users_own_password(db):
    # Accounts have no allauth email rows: the password is checked against the user's email.
    user, other = UserFactory(), UserFactory()
    other.set_password("Autre-Secret-42")
    other.save()
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    with context.request_context(request):
        assert get_adapter(request).reauthenticate(user, PASSWORD)
        assert not get_adapter(request).reauthenticate(user, "faux")
        assert not get_adapter(request).reauthenticate(user, "Autre-Secret-42")


def test_a_user_cannot_revoke_anothers_token(client, team):
    token = ApiToken.objects.create(user=team.stranger, name="x", prefix="x", digest="d" * 64)
    client.force_login(team.colleague)
    assert client.post(f"/compte/jetons/{token.pk}/revoquer/").status_code == 404


def test_the_command_prints_a_working_token(client, team, capsys):
    call_command("create_api_token", team.colleague.email, "--name", "script")
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    assert _me(client, raw) == 200


def test_an_account_without_a_password_is_told_to_set_one(client, team):
    team.colleague.set_unusable_password()
    team.colleague.save()
    client.force_login(team.colleague)
    response = client.post("/compte/jetons/", {"name": "tableur", "password": "quelconque"})
    assert "pas encore de mot de passe" in response.content.decode()
    assert not ApiToken.objects.exists()
