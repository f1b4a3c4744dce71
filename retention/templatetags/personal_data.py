from django import template

from retention.access import personal_data_organization

register = template.Library()


@register.simple_tag(takes_context=True)
def personal_data_rights(context, person) -> dict:
    """What the user may do with the person's data: {"export": bool, "erase": bool}."""
    user = context["request"].user
    return {
        "export": personal_data_organization(user, person) is not None,
        "erase": personal_data_organization(user, person, erase=True) is not None,
    }
