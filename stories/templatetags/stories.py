"""`{% pathway_stories pathway contracts can_act %}`: the « Belle histoire » block of a
pathway on the person's pathways page, with the link to draft one when the pathway led
to a contract or a positive exit and the user may write for its structure."""

from django import template

from access.policy import Capability, can
from stories.models import Story
from stories.selectors import has_a_story_to_tell

register = template.Library()


@register.inclusion_tag("stories/_pathway_stories.html", takes_context=True)
def pathway_stories(context, pathway, contracts, can_act):
    user = context["request"].user
    writes = bool(can_act) and can(user, Capability.WRITE_STORIES, pathway.organization)
    stories = list(Story.objects.filter(pathway=pathway)) if writes else []
    return {
        "pathway": pathway,
        "stories": stories,
        "may_draft": writes and has_a_story_to_tell(pathway, contracts),
    }
