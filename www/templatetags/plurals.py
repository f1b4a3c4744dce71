"""French plurals in templates (a builtin, as `date`): `{{ n|pluriel }}` in place of
Django's `pluralize`, which puts 0 in the plural; `{{ n|compte:"orientation envoyée" }}`
for the number and its words at once."""

from django import template

from lib import plural

register = template.Library()


@register.filter
def pluriel(count, endings="s"):
    """`{{ n|pluriel }}`, `{{ n|pluriel:"aux" }}`, `{{ n|pluriel:"t,ssent" }}`."""
    try:
        return plural.suffix(count, endings)
    except TypeError:
        return ""


@register.filter
def compte(count, words):
    """`{{ n|compte:"orientation envoyée" }}`, or with the plural when it is irregular:
    `{{ n|compte:"journal tenu|journaux tenus" }}`."""
    singular, _, plural_words = words.partition("|")
    try:
        return plural.count_of(count, singular, plural_words or None)
    except TypeError:
        return ""
