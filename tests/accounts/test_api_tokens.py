from django.core.management import call_command

from accounts.models import ApiToken


def test_it_creates_a_token_shown_once(client, team):
    client.force_login(team.colleague)
    response = client.post("/compte/jetons/", {"name": "tableur"})
    raw = response.context["created_raw"]
    assert raw.startswith("prc_")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    assert raw not in client.get("/compte/jetons/").content.decode()
    token = ApiToken.objects.get(user=team.colleague)
    client.post(f"/compte/jetons/{token.pk}/revoquer/")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_a_user_cannot_revoke_anothers_token(client, team):
    token = ApiToken.objects.create(user=team.stranger, name="x", prefix="x", digest="d" * 64)
    client.force_login(team.colleague)
    assert client.post(f"/compte/jetons/{token.pk}/revoquer/").status_code == 404


def test_the_command_prints_a_working_token(client, team, capsys):
    call_command("create_api_token", team.colleague.email, "--name", "script")
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
