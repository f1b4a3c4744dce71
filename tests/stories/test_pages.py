import pytest
from django.urls import reverse
from django.utils import timezone

from stories.enums import StoryState
from stories.models import Story
from tests.employment.helpers import hire
from tests.stories.helpers import TEXT, consented, draft, published

pytestmark = pytest.mark.django_db


def _story_data(**fields):
    return {
        "first_name": "Nadia",
        "title": "Du chantier au fournil",
        "text": TEXT,
        "job": "Boulanger",
        "sector": "",
        "contract_type": "CDD",
        "outcome": "En CDD depuis janvier",
        **fields,
    }


def test_the_pathway_page_offers_a_story_only_once_there_is_a_contract(client, team, followed):
    client.force_login(team.colleague)
    pathways = reverse("person_pathways", args=[followed.person.pk])
    create = reverse("story_create", args=[followed.person.pk, followed.pathway.pk])
    assert create not in client.get(pathways).content.decode()
    hire(team, followed)
    body = client.get(pathways).content.decode()
    assert create in body and "Rédiger une belle histoire" in body


def test_the_draft_form_is_prefilled_with_the_contract_only_and_warns(client, team, followed):
    hire(team, followed)
    client.force_login(team.colleague)
    body = client.get(reverse("story_create", args=[followed.person.pk, followed.pathway.pk]))
    text = body.content.decode()
    assert body.status_code == 200
    assert 'value="En CDD depuis le 05/01/2026"' in text
    assert "aucun nom, aucune coordonnée" in text
    assert 'name="first_name"' in text and 'value="Sandrine"' not in text


def test_a_counsellor_drafts_a_story_and_lands_on_its_page(client, team, followed):
    hire(team, followed)
    client.force_login(team.colleague)
    response = client.post(
        reverse("story_create", args=[followed.person.pk, followed.pathway.pk]), _story_data()
    )
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("story_detail", args=[story.pk])
    body = client.get(response["Location"]).content.decode()
    assert "L'histoire de Nadia" in body and "Enregistrer l'accord de la personne" in body


def test_a_refused_draft_keeps_what_was_typed_and_offers_the_confirmation(client, team, followed):
    hire(team, followed)
    client.force_login(team.colleague)
    response = client.post(
        reverse("story_create", args=[followed.person.pk, followed.pathway.pk]),
        _story_data(text="Sortie de l'hôpital psychiatrique, elle a repris."),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "hôpital psychiatrique, elle a repris." in body
    assert 'name="confirm_sensitive_words"' in body
    assert not Story.objects.exists()


def test_consent_then_review_then_publication_through_the_pages(client, team, followed):
    story = draft(team, followed)
    client.force_login(team.colleague)
    response = client.post(
        reverse("story_consent", args=[story.pk]),
        {
            "consent-shown": "on",
            "consent-scope": "public",
            "consent-method": "written",
            "consent-consented_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    client.post(reverse("story_transition", args=[story.pk]), {"move-to_state": "submitted"})
    assert client.get(reverse("story_review", args=[story.pk])).status_code == 403
    client.force_login(team.admin)
    review = client.get(reverse("story_review", args=[story.pk])).content.decode()
    assert "Relire avant publication" in review and "Publier" in review
    client.post(reverse("story_transition", args=[story.pk]), {"move-to_state": "published"})
    story.refresh_from_db()
    assert story.state == StoryState.PUBLISHED
    assert client.get(reverse("public_story_detail", args=[story.slug])).status_code == 200


def test_a_consent_without_the_text_read_is_refused_and_kept(client, team, followed):
    story = draft(team, followed)
    client.force_login(team.colleague)
    response = client.post(
        reverse("story_consent", args=[story.pk]),
        {"consent-scope": "print", "consent-method": "oral", "consent-consented_on": "2026-01-10"},
    )
    assert response.status_code == 400
    assert 'value="2026-01-10"' in response.content.decode()
    story.refresh_from_db()
    assert story.consented_on is None


def test_sending_back_without_a_reason_says_so(client, team, followed):
    story = consented(draft(team, followed), team)
    client.force_login(team.colleague)
    client.post(reverse("story_transition", args=[story.pk]), {"move-to_state": "submitted"})
    client.force_login(team.admin)
    response = client.post(
        reverse("story_transition", args=[story.pk]), {"move-to_state": "sent_back"}
    )
    assert response.status_code == 400
    assert "Dites ce qui est à reprendre" in response.content.decode()


def test_withdrawing_consent_from_the_page_takes_the_public_page_down(client, team, followed):
    story = published(team, followed)
    public = reverse("public_story_detail", args=[story.slug])
    assert client.get(public).status_code == 200
    client.force_login(team.colleague)
    response = client.post(
        reverse("story_consent_withdraw", args=[story.pk]),
        {"withdraw-method": "oral", "withdraw-confirm": "on"},
    )
    assert response.status_code == 302
    client.logout()
    gone = client.get(public)
    assert gone.status_code == 404
    assert "Cette histoire n&#x27;est plus publiée" in gone.content.decode()
    assert client.get(reverse("public_story_pdf", args=[story.slug])).status_code == 404


def test_the_list_shows_the_structures_stories_by_state(client, team, followed):
    story = draft(team, followed)
    client.force_login(team.colleague)
    url = reverse("story_list")
    assert story.title in client.get(url).content.decode()
    assert story.title not in client.get(url, {"state": "published"}).content.decode()
    assert client.get(url, {"state": "nimporte"}).status_code == 200


def test_the_list_is_paginated_with_a_fixed_number_of_queries(
    client, team, followed, django_assert_max_num_queries
):
    story = draft(team, followed)
    for index in range(24):
        story.pk = None
        story.title = f"Histoire {index}"
        story.save()
    client.force_login(team.colleague)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("story_list"))
    assert response.context["page"].paginator.num_pages == 2


def test_a_stranger_gets_404_on_a_story_and_403_on_the_list(client, team, followed):
    story = draft(team, followed)
    client.force_login(team.stranger)
    assert client.get(reverse("story_detail", args=[story.pk])).status_code == 404
    assert client.get(reverse("story_pdf", args=[story.pk])).status_code == 404
