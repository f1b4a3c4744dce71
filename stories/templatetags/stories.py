"""`{% pathway_stories pathway contracts writes stories %}`: the « Belle histoire » block
of a pathway on the person's pathways page, with the link to draft one when the pathway
led to a contract or a positive exit and the user may write for its structure (`writes`).
The page read the stories of all its pathways at once (`stories_by_pathway`)."""

from django import template

from stories.selectors import has_a_story_to_tell

register = template.Library()


@register.inclusion_tag("stories/_pathway_stories.html")
def pathway_stories(pathway, contracts, writes, stories):
    writes = bool(writes)
    stories = stories if writes else []
    return {
        "pathway": pathway,
        "stories": stories,
        "may_draft": writes and has_a_story_to_tell(pathway, contracts),
    }
