import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import config.settings

PROCONNECT = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "proconnect",
                "name": "ProConnect",
                "client_id": "client",
                "secret": "secret",
                "settings": {"server_url": "https://proconnect.example.test/api/v2"},
            }
        ]
    }
}


def test_the_sign_in_page_has_no_proconnect_button_by_default(client, db):
    assert "ProConnect" not in client.get("/comptes/login/").content.decode()


@override_settings(PROCONNECT_ENABLED=True, SOCIALACCOUNT_PROVIDERS=PROCONNECT)
def test_the_sign_in_page_offers_proconnect_when_configured(client, db):
    body = client.get("/comptes/login/").content.decode()
    assert "S&#x27;identifier avec" in body or "S'identifier avec" in body
    assert "/comptes/oidc/proconnect/login/" in body


def test_enabling_proconnect_without_its_client_fails_at_start_up(monkeypatch):
    monkeypatch.setenv("PROCONNECT_ENABLED", "true")
    monkeypatch.delenv("PROCONNECT_CLIENT_ID", raising=False)
    with pytest.raises(ImproperlyConfigured, match="PROCONNECT_CLIENT_ID"):
        importlib.reload(config.settings)
    monkeypatch.setenv("PROCONNECT_ENABLED", "false")
    importlib.reload(config.settings)
