"""Wishes in the person's own words: kept without a job, linked later, never cut; a
move is one event."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from persons.models import WISH_WORDS_MAX, Wish
from persons.services import wish_add, wish_move, wish_update
from tests.factories.jobs import AppellationFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db

ANIMALS = "travailler avec les animaux"


def test_a_wish_is_kept_in_the_persons_words_and_linked_to_a_job_later(team, followed):
    wish = wish_add(person=followed.person, own_words=ANIMALS, actor=team.colleague)
    assert wish.appellation is None and wish.label == f"« {ANIMALS} »"
    groom = AppellationFactory(code="12345", name="Palefrenier")
    wish_update(wish=wish, appellation=groom, own_words=ANIMALS, actor=team.colleague)
    wish.refresh_from_db()
    assert (wish.appellation, wish.own_words) == (groom, ANIMALS)
    titles = list(
        TimelineEvent.objects.filter(person=followed.person)
        .order_by("id")
        .values_list("title", flat=True)
    )
    assert titles[-2:] == [
        f"Souhait noté en ses mots : « {ANIMALS} »",
        f"Souhait relié à un métier : « {ANIMALS} » → Palefrenier",
    ]


def test_a_wish_needs_a_job_or_words(team, followed):
    with pytest.raises(ValidationError, match="Choisissez un métier ou notez"):
        wish_add(person=followed.person, own_words="   ", actor=team.colleague)
    wish = wish_add(person=followed.person, own_words=ANIMALS, actor=team.colleague)
    with pytest.raises(ValidationError, match="Choisissez un métier ou notez"):
        wish_update(wish=wish, appellation=None, own_words="", actor=team.colleague)


def test_words_too_long_are_refused_never_cut(team, followed):
    long_words = "a" * (WISH_WORDS_MAX + 1)
    with pytest.raises(ValidationError, match=f"{WISH_WORDS_MAX} caractères au plus"):
        wish_add(person=followed.person, own_words=long_words, actor=team.colleague)
    exactly = "b" * WISH_WORDS_MAX
    assert wish_add(person=followed.person, own_words=exactly, actor=team.colleague).own_words == (
        exactly
    )


def test_moving_a_wish_is_one_event_in_the_timeline(team, followed):
    first = wish_add(person=followed.person, own_words="cuisine", actor=team.colleague)
    second = wish_add(person=followed.person, own_words="jardins", actor=team.colleague)
    before = TimelineEvent.objects.filter(person=followed.person).count()
    wish_move(wish=second, direction="up", actor=team.colleague)
    events = TimelineEvent.objects.filter(person=followed.person)
    assert events.count() == before + 1
    assert events.latest("id").title == "Ordre des métiers souhaités : « jardins » en position 1"
    assert [w.pk for w in Wish.objects.filter(person=followed.person)] == [second.pk, first.pk]
    # The trail keeps both rows' new rank (it records every change), the timeline one move.
    ranks = AuditEntry.objects.filter(object_id__in=[str(first.pk), str(second.pk)])
    assert ranks.filter(action="update").count() == 2


def test_the_form_shows_the_limit_and_refuses_too_long_words_in_french(client, team, followed):
    client.force_login(team.colleague)
    url = f"/personnes/{followed.person.pk}/metiers/ajouter/"
    page = client.get(url).content.decode()
    assert f'maxlength="{WISH_WORDS_MAX}"' in page and "caractères au plus" in page
    typed = "x" * (WISH_WORDS_MAX + 5)
    response = client.post(url, {"own_words": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"tiennent en {WISH_WORDS_MAX} caractères au plus ({WISH_WORDS_MAX + 5} saisis)" in body
    assert typed in body  # what was typed stays
    assert not followed.person.wishes.exists()


def test_the_form_records_words_alone_then_links_them(client, team, followed):
    AppellationFactory(code="12345", name="Palefrenier")
    client.force_login(team.colleague)
    pk = followed.person.pk
    assert client.post(f"/personnes/{pk}/metiers/ajouter/", {"own_words": ANIMALS}).status_code == (
        302
    )
    wish = followed.person.wishes.get()
    page = client.get(f"/personnes/{pk}/").content.decode()
    assert "métier à préciser" in page and "Relier à un métier" in page
    url = f"/personnes/{pk}/metiers/{wish.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"appellation": "Palefrenier (12345)", "own_words": ANIMALS})
    assert response.status_code == 302
    wish.refresh_from_db()
    assert wish.appellation_id == "12345"


def test_the_api_keeps_words_links_them_and_refuses_too_long_ones(client, team, followed, bearer):
    AppellationFactory(code="12345", name="Palefrenier")
    headers = bearer(team.colleague)
    url = f"/api/v1/persons/{followed.person.pk}/wishes"
    response = client.post(
        url, {"own_words": ANIMALS}, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    created = response.json()
    assert created["appellation_code"] is None and created["own_words"] == ANIMALS
    response = client.put(
        f"{url}/{created['id']}",
        {"appellation_code": "12345", "own_words": ANIMALS},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["appellation_name"] == "Palefrenier"
    response = client.post(
        url,
        {"own_words": "y" * (WISH_WORDS_MAX + 1)},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "caractères au plus" in response.json()["detail"]
    response = client.post(url, {}, content_type="application/json", headers=headers)
    assert response.status_code == 400


def test_a_stranger_cannot_open_a_wish(client, team, followed):
    wish = wish_add(person=followed.person, own_words=ANIMALS, actor=team.colleague)
    client.force_login(team.stranger)
    assert client.get(f"/personnes/{followed.person.pk}/metiers/{wish.pk}/").status_code == 404
