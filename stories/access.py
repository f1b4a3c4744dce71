"""The one way pages and API handlers fetch and authorise a story: a story of a
structure the user writes stories for (`Story.objects.visible_to`), 404 otherwise, so an
employer, a partner on the team or a stranger learns nothing, not even that it exists.
Who may review is said here too, for the pages, the API and the services alike."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, can
from organizations.enums import Role
from organizations.models import Membership
from stories.models import Story

NOT_FOUND = "Histoire introuvable."
NOT_A_WRITER = "Seule la structure qui porte le parcours peut raconter cette histoire."
NOT_A_REVIEWER = (
    "La relecture revient à un·e administrateur·rice de la structure, "
    "autre que l'auteur·rice de l'histoire s'il en est un·e autre."
)


def story_to_manage(user, pk) -> Story:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    story = (
        Story.objects.visible_to(user)
        .select_related("organization", "pathway", "person", "created_by")
        .filter(pk=pk)
        .first()
    )
    if story is None:
        raise Http404(NOT_FOUND)
    return story


def require_writer(*, organization, user) -> None:
    if user is None or not can(user, Capability.WRITE_STORIES, organization):
        raise PermissionDenied(NOT_A_WRITER)


def may_review(user, story: Story) -> bool:
    """An admin of the structure reviews; not the story's own author, unless no other
    admin could: a small structure with one admin still publishes its stories, and the
    trail says who did."""
    if user is None or not can(user, Capability.REVIEW_STORIES, story.organization):
        return False
    if story.created_by_id != user.pk:
        return True
    return (
        not Membership.objects.active()
        .filter(organization=story.organization, role=Role.ADMIN)
        .exclude(user=user)
        .exists()
    )


def require_reviewer(*, story: Story, user) -> None:
    if not may_review(user, story):
        raise PermissionDenied(NOT_A_REVIEWER)
