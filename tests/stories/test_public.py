import pytest
from django.urls import reverse

from stories.enums import ConsentScope
from tests.stories.helpers import draft, published

pytestmark = pytest.mark.django_db


def test_a_visitor_reads_the_published_public_stories_and_nothing_else(client, team, followed):
    story = published(team, followed)
    body = client.get(reverse("public_story_list")).content.decode()
    assert story.title in body
    assert reverse("public_story_detail", args=[story.slug]) in body
    page = client.get(reverse("public_story_detail", args=[story.slug])).content.decode()
    assert "L'histoire de Nadia" in page
    for secret in ("Sandrine", "Quintaval", "sandrine@exemple.fr"):
        assert secret not in body and secret not in page


def test_a_story_for_print_only_never_reaches_the_public_site(client, team, followed):
    story = published(team, followed, scope=ConsentScope.PRINT)
    assert story.title not in client.get(reverse("public_story_list")).content.decode()
    assert client.get(reverse("public_story_detail", args=[story.slug])).status_code == 404


def test_a_draft_has_no_public_address(client, team, followed):
    draft(team, followed)
    assert "Du chantier au fournil" not in client.get(reverse("public_story_list")).content.decode()
    assert (
        client.get(reverse("public_story_detail", args=["du-chantier-au-fournil-1"])).status_code
        == 404
    )


def test_the_public_list_is_paginated(client, team, followed):
    story = published(team, followed)
    for index in range(13):
        story.pk = None
        story.slug = f"histoire-{index}"
        story.save()
    response = client.get(reverse("public_story_list"))
    assert response.context["page"].paginator.num_pages == 2
    assert client.get(reverse("public_story_list"), {"page": "zz"}).status_code == 200


def test_the_footer_links_to_the_stories(client):
    assert reverse("public_story_list") in client.get(reverse("legal_notice")).content.decode()
