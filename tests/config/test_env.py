import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_origin


def test_it_reads_typed_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "oui")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    assert env_int("X_MISSING", 7) == 7


@pytest.mark.parametrize(
    ("reader", "value", "message"),
    [
        (lambda: env_bool("X", False), "peut-être", "true ou false"),
        (lambda: env_int("X", 1), "dix", "nombre entier"),
        (lambda: env_int("X", 1, minimum=5), "2", "au moins 5"),
        (lambda: env_choice("X", "a", {"a", "b"}), "c", "l'une de ces valeurs"),
        (lambda: env_origin("X"), "proconnect.gouv.fr", "adresse http"),
    ],
)
def test_it_fails_with_a_clear_message_on_a_wrong_value(monkeypatch, reader, value, message):
    monkeypatch.setenv("X", value)
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        reader()
    assert "X" in str(error.value)


def test_it_reads_the_origin_of_an_address(monkeypatch):
    monkeypatch.setenv("X", "https://auth.agentconnect.gouv.fr/api/v2")
    assert env_origin("X") == "https://auth.agentconnect.gouv.fr"
