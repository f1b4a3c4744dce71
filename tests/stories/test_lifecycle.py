import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lib.lifecycle import TransitionRefused
from organizations.enums import Role
from stories import services
from stories.access import may_review
from stories.enums import StoryState
from stories.state_machine import LIFECYCLE
from tests.factories.organizations import MembershipFactory
from tests.stories.helpers import consented, draft

pytestmark = pytest.mark.django_db


def test_every_state_but_the_withdrawal_can_be_left_and_the_withdrawal_reached():
    assert LIFECYCLE.terminal_states == (StoryState.WITHDRAWN,)
    for state in StoryState.values:
        if state != StoryState.WITHDRAWN:
            assert LIFECYCLE.allowed(state, StoryState.WITHDRAWN), state


def test_a_story_is_submitted_only_with_the_persons_consent(team, followed):
    story = draft(team, followed)
    with pytest.raises(ValidationError, match="accord de la personne"):
        services.story_transition(story=story, user=team.colleague, to_state="submitted")
    consented(story, team)
    services.story_transition(story=story, user=team.colleague, to_state="submitted")
    assert story.state == StoryState.SUBMITTED


def test_the_author_member_cannot_publish_an_admin_does_and_the_story_gets_its_address(
    team, followed
):
    story = consented(draft(team, followed), team)
    services.story_transition(story=story, user=team.colleague, to_state="submitted")
    with pytest.raises(PermissionDenied):
        services.story_transition(story=story, user=team.colleague, to_state="published")
    services.story_transition(story=story, user=team.admin, to_state="published")
    story.refresh_from_db()
    assert story.state == StoryState.PUBLISHED
    assert story.published_at is not None
    assert story.slug == f"du-chantier-au-fournil-{story.pk}"
    moves = [(t.from_state, t.to_state, t.by) for t in story.transitions.all()]
    assert moves[-1] == (StoryState.SUBMITTED, StoryState.PUBLISHED, team.admin)


def test_an_admin_author_does_not_review_their_own_story_when_another_admin_can(team, followed):
    story = draft(team, followed)
    story.created_by = team.admin
    assert may_review(team.admin, story)  # the only admin of the structure publishes
    other = MembershipFactory(organization=team.organization, role=Role.ADMIN)
    assert not may_review(team.admin, story)
    assert may_review(other.user, story)
    other.is_active = False
    other.save()
    assert may_review(team.admin, story)


def test_sending_back_says_why_and_lets_the_team_edit_again(team, followed):
    story = consented(draft(team, followed), team)
    services.story_transition(story=story, user=team.colleague, to_state="submitted")
    with pytest.raises(ValidationError):
        services.story_update(
            story=story, user=team.colleague, first_name="Nadia", title="t", text="x", outcome="o"
        )
    with pytest.raises(ValidationError, match="à reprendre"):
        services.story_transition(story=story, user=team.admin, to_state="sent_back")
    services.story_transition(
        story=story, user=team.admin, to_state="sent_back", comment="Le lieu est trop précis."
    )
    services.story_update(
        story=story,
        user=team.colleague,
        first_name="Nadia",
        title="Du chantier au fournil",
        text="Un nouveau récit.",
        outcome="En CDD",
    )
    assert story.text == "Un nouveau récit."
    assert story.transitions.last().comment == "Le lieu est trop précis."


def test_the_withdrawal_is_not_an_ordinary_move(team, followed):
    story = draft(team, followed)
    with pytest.raises(TransitionRefused):
        services.story_transition(story=story, user=team.admin, to_state="withdrawn")


def test_a_published_story_is_unpublished_by_an_admin_and_can_be_submitted_again(team, followed):
    story = consented(draft(team, followed), team)
    services.story_transition(story=story, user=team.colleague, to_state="submitted")
    services.story_transition(story=story, user=team.admin, to_state="published")
    slug = story.slug
    services.story_transition(story=story, user=team.admin, to_state="unpublished")
    services.story_transition(story=story, user=team.colleague, to_state="submitted")
    services.story_transition(story=story, user=team.admin, to_state="published")
    assert story.slug == slug  # the address stays once given
    with pytest.raises(TransitionRefused):
        services.story_transition(story=story, user=team.colleague, to_state="draft")
