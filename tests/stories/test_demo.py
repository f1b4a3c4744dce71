"""The demo territory tells two stories, published with the persons' consent, under
changed first names: Fatou's CDD turned CDI and Sandrine's hire."""

from django.urls import reverse

from stories.models import Story
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401


def test_the_demo_publishes_two_consented_stories_under_other_names(client, demo_territory):  # noqa: F811
    stories = list(Story.objects.public().select_related("person"))
    assert len(stories) == 2
    assert {s.person.first_name for s in stories} == {"Fatou", "Sandrine"}
    body = client.get(reverse("public_story_list")).content.decode()
    for story in stories:
        assert story.is_demo and story.has_consent and story.consent_scope == "public"
        assert story.title in body
        assert story.person.first_name not in body and story.person.last_name not in body
        assert story.transitions.last().by.email.startswith("direction.")
    fatou = next(s for s in stories if s.person.last_name == "Diallo")
    assert fatou.contract_type == "CDI" and fatou.job
