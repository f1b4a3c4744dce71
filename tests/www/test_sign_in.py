from django.contrib.auth import get_user_model

from tests.factories.accounts import PASSWORD


def test_it_signs_in_by_email(client, team):
    response = client.post("/comptes/login/", {"login": team.colleague.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == team.colleague


def test_it_throttles_repeated_failures(client, team):
    for _ in range(5):
        client.post("/comptes/login/", {"login": team.colleague.email, "password": "faux"})
    response = client.post("/comptes/login/", {"login": team.colleague.email, "password": PASSWORD})
    # Even the right password is refused while throttled.
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_nobody_signs_up_alone(client, db):
    response = client.post(
        "/comptes/signup/",
        {
            "email": "intrus@exemple.fr",
            "password1": "Un-mot-de-passe-1",
            "password2": "Un-mot-de-passe-1",
        },
    )
    assert response.status_code == 200
    assert "fermées" in response.content.decode() or "closed" in response.content.decode()
    assert not get_user_model().objects.filter(email="intrus@exemple.fr").exists()
