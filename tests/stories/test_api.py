import pytest
from django.utils import timezone

from stories.enums import StoryState
from stories.models import Story
from tests.employment.helpers import hire
from tests.stories.helpers import TEXT, draft, published

pytestmark = pytest.mark.django_db

J = "application/json"


def test_a_counsellor_drafts_records_consent_and_submits_through_the_api(
    client, bearer, team, followed
):
    hire(team, followed)
    headers = bearer(team.colleague)
    response = client.post(
        "/api/v1/stories",
        {
            "pathway_id": followed.pathway.pk,
            "first_name": "Nadia",
            "title": "Du chantier au fournil",
            "text": TEXT,
            "outcome": "En CDD",
            "contract_type": "CDD",
        },
        headers=headers,
        content_type=J,
    )
    assert response.status_code == 201, response.content
    story_id = response.json()["id"]
    assert response.json()["state"] == "draft"
    response = client.post(
        f"/api/v1/stories/{story_id}/consent",
        {"scope": "public", "consented_on": timezone.localdate().isoformat()},
        headers=headers,
        content_type=J,
    )
    assert response.json()["consent_scope"] == "public"
    response = client.post(
        f"/api/v1/stories/{story_id}/transition",
        {"to_state": "submitted"},
        headers=headers,
        content_type=J,
    )
    assert response.json()["state"] == "submitted"
    refused = client.post(
        f"/api/v1/stories/{story_id}/transition",
        {"to_state": "published"},
        headers=headers,
        content_type=J,
    )
    assert refused.status_code == 403
    published_now = client.post(
        f"/api/v1/stories/{story_id}/transition",
        {"to_state": "published"},
        headers=bearer(team.admin),
        content_type=J,
    )
    assert published_now.json()["state"] == "published"
    assert [t["to_state"] for t in published_now.json()["transitions"]] == [
        "draft",
        "submitted",
        "published",
    ]


def test_the_api_refuses_a_text_citing_the_person_with_a_french_sentence(
    client, bearer, team, followed
):
    hire(team, followed)
    response = client.post(
        "/api/v1/stories",
        {
            "pathway_id": followed.pathway.pk,
            "first_name": "Nadia",
            "title": "Quintaval au travail",
            "text": "x",
            "outcome": "o",
        },
        headers=bearer(team.colleague),
        content_type=J,
    )
    assert response.status_code == 400
    assert "le nom de la personne" in response.json()["detail"]


def test_withdrawing_through_the_api_empties_the_public_list(client, bearer, team, followed):
    story = published(team, followed)
    assert [s["slug"] for s in client.get("/api/v1/public/stories").json()["items"]] == [story.slug]
    response = client.post(
        f"/api/v1/stories/{story.pk}/consent/withdraw",
        {"method": "written"},
        headers=bearer(team.colleague),
        content_type=J,
    )
    assert response.json()["state"] == StoryState.WITHDRAWN
    assert client.get("/api/v1/public/stories").json()["count"] == 0


def test_the_public_list_says_nothing_of_who_the_person_is(client, team, followed):
    published(team, followed)
    item = client.get("/api/v1/public/stories").json()["items"][0]
    assert set(item) == {
        "slug",
        "first_name",
        "title",
        "text",
        "job",
        "sector",
        "contract_type",
        "outcome",
        "organization_name",
        "published_at",
    }


def test_the_organization_list_is_scoped_and_filtered(client, bearer, team, followed):
    story = draft(team, followed)
    mine = client.get("/api/v1/stories", headers=bearer(team.colleague)).json()
    assert [s["id"] for s in mine["items"]] == [story.pk]
    drafts = client.get("/api/v1/stories?state=published", headers=bearer(team.colleague))
    assert drafts.json()["count"] == 0
    theirs = client.get("/api/v1/stories", headers=bearer(team.stranger)).json()
    assert theirs["count"] == 0
    assert (
        client.get(f"/api/v1/stories/{story.pk}", headers=bearer(team.stranger)).status_code == 404
    )
    assert Story.objects.count() == 1
