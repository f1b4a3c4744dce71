import pytest

from tests.factories.jobs import AppellationFactory


@pytest.fixture
def headers(bearer):
    return bearer()


def test_it_requires_a_token(client, db):
    assert client.get("/api/v1/appellations?q=aide").status_code == 401


def test_it_searches_job_titles(client, headers):
    AppellationFactory(code="10805", name="Aide à domicile")
    AppellationFactory(code="11574", name="Auxiliaire de vie")

    response = client.get("/api/v1/appellations", {"q": "domicile aide"}, headers=headers)

    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "10805",
            "name": "Aide à domicile",
            "rome_code": "K1304",
            "rome_name": "Services domestiques",
        }
    ]


def test_it_answers_an_empty_list_to_a_one_character_query(client, headers):
    AppellationFactory(name="Aide à domicile")

    assert client.get("/api/v1/appellations?q=a", headers=headers).json() == []
