from django import template

from persons.levels import Level
from retention.access import personal_data_rights as rights_of

register = template.Library()


@register.simple_tag(takes_context=True)
def personal_data_rights(context, person) -> dict:
    """What the user may do with the person's data: {"export": bool, "erase": bool}."""
    # The person's pages give the user's level on the person: not asked again.
    level = context.get("person_level")
    return rights_of(context["request"].user, person, level=None if level is None else Level(level))
