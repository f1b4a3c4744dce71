"""`{% fixed_url 'name' %}`: `{% url 'name' %}` for a route without arguments, reversed
once per process. The header and footer of every page name some twenty-five such
routes; their paths only change with the URL configuration or the script prefix, which
the cache key holds."""

from functools import cache

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

register = template.Library()


@cache
def _reversed(name: str, prefix: str, urlconf: str) -> str:
    try:
        return reverse(name, urlconf=urlconf)
    except NoReverseMatch:
        return ""  # as `{% url … as variable %}`: a route that does not exist gives ""


@register.simple_tag
def fixed_url(name: str) -> str:
    return _reversed(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
