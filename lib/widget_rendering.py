"""The form renderer of the site (FORM_RENDERER): Django's, with the commonest widgets —
inputs and selects — written in Python, to the character what Django's own templates
write. Each of those is a template including another per attribute list and per option:
a filter form of a few selects went through a hundred small template renders, more than
the rest of its page. Any other widget, or one whose template an app overrides, is
rendered by Django's templates as before."""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

_WIDGETS = "django/forms/widgets/"
_OWN_TEMPLATES = Path(django.forms.__file__).parent / "templates"
# Each of these is `{% include "django/forms/widgets/input.html" %}` and a new line.
_INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
_SELECT = f"{_WIDGETS}select.html"
_OPTION = f"{_WIDGETS}select_option.html"
_PARTS = (f"{_WIDGETS}input.html", f"{_WIDGETS}attrs.html", _OPTION)


def _text(value) -> str:
    """`{{ value }}`."""
    return str(conditional_escape(localize(template_localtime(value))))


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: escaped unless the value was safe already."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031
    return text if isinstance(value, SafeData) else str(conditional_escape(text))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html, included by a template of _INPUTS (the renderer
    strips the new lines that end them)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _select(widget: dict) -> str | None:
    """django/forms/widgets/select.html, or None if an option has its own template."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class WidgetRenderer(DjangoTemplates):
    def __init__(self):
        super().__init__()
        # Written here only while the templates are Django's own: an app that overrides
        # one of them gets its template.
        self._written = {
            name
            for name in (*_INPUTS, _SELECT)
            if all(self._is_django_own(part) for part in (name, *_PARTS))
        }

    def _is_django_own(self, template_name: str) -> bool:
        origin = self.get_template(template_name).origin.name
        return Path(origin) == _OWN_TEMPLATES / template_name

    def render(self, template_name, context, request=None):
        if template_name in self._written and "widget" in context:
            widget = context["widget"]
            written = _select(widget) if template_name == _SELECT else _input(widget)
            if written is not None:
                return written
        return super().render(template_name, context, request)
