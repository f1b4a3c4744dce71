"""What a structure writes for an employer is checked for sensitive words, on the page
and in the API alike; what the employer is shown of a person is an explicit list of
fields."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from immersions.models import Immersion
from immersions.selectors import company_immersions
from immersions.services import immersion_create, immersion_update
from lib.sensitive_words import CONFIRMATION_LABEL, SensitiveWordsError
from offers import services
from offers.api import CandidateOut
from offers.employer_view import (
    CANDIDATE_FIELDS,
    INTEREST_FIELDS,
    candidate_card,
    interest_card,
)
from offers.enums import OfferState
from offers.models import Introduction, OfferInterest, OfferTransition
from offers.selectors import candidates_for_employer
from tests.offers.helpers import employer_account, offer

pytestmark = pytest.mark.django_db

SENSITIVE = "Reconnue RQTH, suivie pour dépression"
ORDINARY = "Ponctuelle, souriante, deux ans de vente en boulangerie"


@pytest.fixture
def published(team):
    _, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    return made, employer_user


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def _introduce(team, person, offer, **kwargs):
    return services.introduction_create(
        offer=offer, person=person, organization=team.organization, user=team.colleague, **kwargs
    )


# --- the service -----------------------------------------------------------------------


def test_the_service_refuses_a_comment_with_sensitive_words_and_says_which(
    team, followed, published
):
    made, _ = published
    with pytest.raises(SensitiveWordsError) as refused:
        _introduce(team, followed.person, made, comment=SENSITIVE)
    message = " ".join(refused.value.messages)
    assert "handicap : « RQTH »" in message and "santé : « dépression »" in message
    assert [hit.words for hit in refused.value.found] == ["RQTH", "dépression"]
    assert not Introduction.objects.exists()


def test_the_service_sends_a_comment_whose_writer_confirmed_it(team, followed, published):
    made, _ = published
    comment = "Suivi des allocations au service paie"
    introduction = _introduce(
        team, followed.person, made, comment=comment, confirm_sensitive_words=True
    )
    assert introduction.comment == "Suivi des allocations au service paie"


def test_an_ordinary_comment_needs_no_confirmation(team, followed, published):
    made, _ = published
    assert _introduce(team, followed.person, made, comment=ORDINARY).comment == ORDINARY


def test_a_comment_in_the_offer_history_is_checked_too(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    with pytest.raises(ValidationError, match="justice"):
        services.offer_transition(
            offer=made,
            user=team.colleague,
            to_state=OfferState.FILLED,
            comment="Pourvue par M. Martin, sorti de prison",
        )
    made.refresh_from_db()
    assert made.state == OfferState.PUBLISHED
    services.offer_transition(
        offer=made, user=team.colleague, to_state=OfferState.FILLED, filled_elsewhere=True
    )
    assert made.transitions.last().to_state == OfferState.FILLED


# --- the page ---------------------------------------------------------------------------


def test_the_page_refuses_the_comment_says_why_and_keeps_it(client, team, followed, published):
    made, employer_user = published
    client.force_login(team.colleague)
    url = reverse("offer_introduction_create", args=[made.pk])
    response = client.post(url, {"person": followed.person.pk, "comment": SENSITIVE})
    assert response.status_code == 400
    page = _text(response)
    assert "handicap : « RQTH »" in page and "santé : « dépression »" in page
    assert f"{SENSITIVE}</textarea>" in page  # what was typed is kept
    assert CONFIRMATION_LABEL in page
    assert not Introduction.objects.exists()
    client.force_login(employer_user)
    assert "dépression" not in client.get(reverse("employer_space")).content.decode()


def test_the_page_asks_for_the_confirmation_only_when_words_were_found(client, team, published):
    made, _ = published
    client.force_login(team.colleague)
    page = _text(client.get(reverse("offer_detail", args=[made.pk])))
    assert "Un mot pour l'employeur" in page and CONFIRMATION_LABEL not in page


def test_the_page_sends_a_rewritten_comment(client, team, followed, published):
    made, employer_user = published
    client.force_login(team.colleague)
    url = reverse("offer_introduction_create", args=[made.pk])
    client.post(url, {"person": followed.person.pk, "comment": SENSITIVE})
    response = client.post(url, {"person": followed.person.pk, "comment": ORDINARY})
    assert response.status_code == 302
    client.force_login(employer_user)
    assert ORDINARY in client.get(reverse("employer_space")).content.decode()


def test_the_page_sends_a_confirmed_comment(client, team, followed, published):
    made, employer_user = published
    client.force_login(team.colleague)
    comment = "A géré les dossiers d'allocation à la mairie"
    response = client.post(
        reverse("offer_introduction_create", args=[made.pk]),
        {"person": followed.person.pk, "comment": comment, "confirm_sensitive_words": "on"},
    )
    assert response.status_code == 302
    client.force_login(employer_user)
    assert comment in _text(client.get(reverse("employer_space")))


# --- the API ----------------------------------------------------------------------------


def test_the_api_answers_422_with_the_words_found(client, team, followed, published, bearer):
    made, employer_user = published
    payload = {"offer_id": made.pk, "person_id": followed.person.pk, "comment": SENSITIVE}
    response = client.post(
        "/api/v1/introductions",
        payload,
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 422
    body = response.json()
    assert "l'employeur" in body["detail"] and "« RQTH »" in body["detail"]
    assert body["sensitive_words"] == [
        {"words": "RQTH", "category": "disability", "label": "handicap"},
        {"words": "dépression", "category": "health", "label": "santé"},
    ]
    assert not Introduction.objects.exists()
    candidates = client.get("/api/v1/employer/candidates", headers=bearer(employer_user))
    assert candidates.json()["count"] == 0 and "RQTH" not in candidates.content.decode()


def test_the_api_sends_a_confirmed_comment(client, team, followed, published, bearer):
    made, employer_user = published
    comment = "Connaît les dossiers CAF : a été agente d'accueil"
    response = client.post(
        "/api/v1/introductions",
        {
            "offer_id": made.pk,
            "person_id": followed.person.pk,
            "comment": comment,
            "confirm_sensitive_words": True,
        },
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201, response.json()
    items = client.get("/api/v1/employer/candidates", headers=bearer(employer_user)).json()
    assert [item["comment"] for item in items["items"]] == [comment]


def test_the_api_checks_the_comment_of_an_offer_transition(client, team, bearer):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    url = f"/api/v1/offers/{made.pk}/transitions"
    payload = {"to_state": "paused", "comment": "En pause : la candidate retenue est enceinte"}
    headers = bearer(team.colleague)
    response = client.post(url, payload, content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert response.json()["sensitive_words"][0]["label"] == "situation familiale"
    response = client.post(
        url,
        {**payload, "confirm_sensitive_words": True},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert OfferTransition.objects.filter(offer=made, to_state="paused").count() == 1


# --- what the employer is shown, field by field ------------------------------------------


def test_the_employer_api_shows_exactly_the_allowed_fields(
    client, team, followed, published, bearer
):
    made, employer_user = published
    _introduce(team, followed.person, made, comment=ORDINARY)
    assert tuple(CandidateOut.model_fields) == CANDIDATE_FIELDS
    items = client.get("/api/v1/employer/candidates", headers=bearer(employer_user)).json()
    assert set(items["items"][0]) == {
        "id",
        "offer_id",
        "offer_title",
        "display_name",
        "introduced_by",
        "introduced_at",
        "matching_wishes",
        "available_from",
        "max_travel_km",
        "distance_km",
        "within_reach",
        "comment",
        "state",
        "state_label",
        "decline_reason",
        "decline_reason_label",
        "interview_on",
        "starts_on",
    }
    assert items["items"][0]["display_name"] == "Sandrine Q."


def test_the_employer_page_gets_exactly_the_allowed_fields(client, team, followed, published):
    made, employer_user = published
    _introduce(team, followed.person, made, comment=ORDINARY)
    OfferInterest.objects.create(
        offer=made, first_name="Lina", last_name="Morel", phone="0600000000", message="Bonjour"
    )
    client.force_login(employer_user)
    context = client.get(reverse("employer_space")).context
    assert [tuple(card) for card in context["candidates"]] == [CANDIDATE_FIELDS]
    assert [tuple(card) for card in context["interests"]] == [INTEREST_FIELDS]
    assert set(INTEREST_FIELDS) == {
        "id",
        "answer",
        "answer_label",
        "created_at",
        "offer_title",
        "first_name",
        "last_name",
        "commune_name",
        "phone",
        "email",
        "message",
    }


def test_the_cards_carry_the_keys_of_their_allow_lists(team, followed, published):
    made, employer_user = published
    _introduce(team, followed.person, made)
    interest = OfferInterest.objects.create(offer=made, first_name="Lina", last_name="Morel")
    (candidate,) = candidates_for_employer(employer_user)
    assert tuple(candidate_card(candidate)) == CANDIDATE_FIELDS
    assert tuple(interest_card(interest)) == INTEREST_FIELDS


def test_the_company_is_not_shown_the_immersions_held_there(client, team, followed):
    _, employer_user, own = employer_account()
    immersion_create(
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        data={
            "company": own,
            "start_on": date.today() - timedelta(days=10),
            "end_on": date.today() - timedelta(days=1),
            "objective": "recruit",
        },
    )
    immersion = Immersion.objects.get()
    immersion_update(
        immersion=immersion, user=team.colleague, data={"assessment": "Fatiguée, traitement"}
    )
    assert not company_immersions(employer_user, own).exists()
    client.force_login(employer_user)
    for url in (reverse("employer_space"), reverse("company_detail", args=[own.pk])):
        body = client.get(url).content.decode()
        assert "Quintaval" not in body and "traitement" not in body


# --- what a playtest slipped through to an employer ---------------------------------------

PLAYTEST = [
    ("Elle a un suivi psy", "santé : « psy »"),
    ("Maman solo de 3 enfants", "situation familiale : « Maman solo »"),
    ("Sous curatelle", "justice : « curatelle »"),
    ("Sans domicile fixe", "logement : « Sans domicile fixe »"),
    ("séropositif", "santé : « séropositif »"),
]


@pytest.mark.parametrize(("comment", "explained"), PLAYTEST)
def test_the_page_refuses_what_a_playtest_slipped_through(
    client, team, followed, published, comment, explained
):
    made, employer_user = published
    client.force_login(team.colleague)
    response = client.post(
        reverse("offer_introduction_create", args=[made.pk]),
        {"person": followed.person.pk, "comment": comment},
    )
    assert response.status_code == 400
    page = _text(response)
    assert explained in page
    # the confirmation names every kind, housing included
    assert "de justice, d'allocation, de logement ou de situation familiale" in page
    assert not Introduction.objects.exists()
    client.force_login(employer_user)
    assert comment not in _text(client.get(reverse("employer_space")))


@pytest.mark.parametrize(("comment", "explained"), PLAYTEST)
def test_the_api_refuses_what_a_playtest_slipped_through(
    client, team, followed, published, bearer, comment, explained
):
    made, _ = published
    response = client.post(
        "/api/v1/introductions",
        {"offer_id": made.pk, "person_id": followed.person.pk, "comment": comment},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 422
    assert explained in response.json()["detail"]
    assert not Introduction.objects.exists()


def test_a_hired_candidate_card_no_longer_offers_an_availability(client, team, followed, published):
    made, employer_user = published
    followed.person.available_from = date.today() + timedelta(days=20)
    followed.person.save(update_fields=["available_from"])
    introduction = _introduce(team, followed.person, made)
    client.force_login(employer_user)
    assert "Disponible à partir du" in _text(client.get(reverse("employer_space")))

    services.introduction_answer(
        introduction=introduction, user=employer_user, to_state="hired", on=date.today()
    )
    page = _text(client.get(reverse("employer_space")))
    assert "Embauche conclue" in page and "Disponible à partir du" not in page
