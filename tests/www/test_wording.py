"""Words a playtest found wrong: page titles of the sign-in, grammar, wording that
assumed a gender, the admin's plural."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from offers import services
from offers.enums import OfferState
from tests.factories.accounts import PASSWORD, UserFactory
from tests.offers.helpers import employer_account, offer
from tests.totp import current_code

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXP"


def _code() -> str:
    return current_code(SECRET)


def _body(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_the_sign_in_page_is_titled_connexion(client):
    assert "<title>Connexion — Parcours</title>" in _body(client.get(reverse("account_login")))


def test_the_second_factor_page_is_titled_double_authentification(client):
    user = UserFactory()
    TOTP.activate(user, SECRET)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    page = _body(client.get(reverse("mfa_authenticate")))
    assert "<title>Double authentification — Parcours</title>" in page


def test_the_public_offer_form_says_un_asterisque(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    page = _body(client.get(reverse("public_offer_detail", args=[made.pk])))
    assert "Les champs marqués d'un astérisque sont obligatoires." in page
    assert "d'une astérisque" not in page


def test_the_employers_answers_do_not_assume_the_candidates_gender(client, team, followed):
    _, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(employer_user)
    page = _body(client.get(reverse("employer_space")))
    assert ">Je reçois cette personne en entretien</option>" in page
    assert ">Je ne retiens pas cette candidature</option>" in page
    assert ">Motif (si vous ne retenez pas cette candidature)</label>" in page
    assert "Je la reçois" not in page and "ne la retenez" not in page


def test_the_admin_lists_the_jetons_d_api(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(staff, SECRET)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": _code()})  # the admin needs both
    response = client.get("/admin-plateforme/accounts/")
    assert response.status_code == 200
    page = _body(response)
    assert "Jetons d'API" in page and "Jeton d'APIs" not in page
