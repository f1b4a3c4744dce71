"""Query strings of paginated lists: the current one with one parameter changed."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def querystring_with(context, param: str, value) -> str:
    query = context["request"].GET.copy()
    query[param] = value
    return query.urlencode()
