"""French elision in templates (a builtin, as `pluriel`): `{{ name|de }}` writes
« d'Alain », « d'Élodie », « de Véronique », « de Maraîchers de l'Authion », where
« de {{ name }} » wrote « de Alain »."""

from django import template

from lib import text

register = template.Library()


@register.filter
def de(name) -> str:
    return text.of(str(name))
