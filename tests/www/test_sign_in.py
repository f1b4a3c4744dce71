from tests.factories.accounts import PASSWORD


def test_it_signs_in_by_email(client, team):
    response = client.post("/comptes/login/", {"login": team.colleague.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == team.colleague


def test_it_throttles_repeated_failures(client, team):
    for _ in range(5):
        client.post("/comptes/login/", {"login": team.colleague.email, "password": "faux"})
    response = client.post(
        "/comptes/login/", {"login": team.colleague.email, "password": PASSWORD}
    )
    # Even the right password is refused while throttled.
    assert response.status_code == 429 or "_auth_user_id" not in client.session


def test_nobody_signs_up_alone(client, db):
    response = client.get("/comptes/signup/")
    assert "inscription" in response.content.decode().lower() or response.status_code != 200
