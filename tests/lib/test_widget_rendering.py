"""The site's form renderer writes inputs and selects itself: each must read exactly as
Django's templates write it, whatever the value, attributes and choices."""

from datetime import date, datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.widget_rendering import WidgetRenderer

DJANGO = DjangoTemplates()
OURS = WidgetRenderer()

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
attribute_value = st.one_of(
    st.booleans(), text, st.integers(), text.map(mark_safe), st.tuples(st.integers())
)
attributes = st.dictionaries(
    st.sampled_from(["class", "id", "aria-describedby", "required", "disabled", "data-x"]),
    attribute_value,
    max_size=4,
)
choice_value = st.one_of(text, st.integers(), st.none())
label = st.one_of(text, st.integers(), text.map(mark_safe))
flat_choices = st.lists(st.tuples(choice_value, label), max_size=6)
choices = st.one_of(
    flat_choices,
    st.lists(st.one_of(st.tuples(choice_value, label), st.tuples(text, flat_choices)), max_size=4),
)

INPUTS = [
    forms.TextInput,
    forms.EmailInput,
    forms.NumberInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
    forms.CheckboxInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
]


def _both(widget, name, value, attrs):
    return (
        widget.render(name, value, attrs=attrs, renderer=DJANGO),
        widget.render(name, value, attrs=attrs, renderer=OURS),
    )


@settings(max_examples=60)
@given(
    st.sampled_from(INPUTS),
    text,
    st.one_of(text, st.integers(), st.none(), st.just(date(2026, 3, 5))),
    attributes,
)
def test_an_input_reads_as_with_django(widget_class, name, value, attrs):
    django_text, our_text = _both(widget_class(), name, value, attrs)
    assert our_text == django_text


def test_a_date_and_time_input_reads_as_with_django():
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    django_text, our_text = _both(widget, "at", datetime(2026, 3, 5, 9, 30), {"id": "rdv-at"})
    assert our_text == django_text


@settings(max_examples=80)
@given(
    st.sampled_from([forms.Select, forms.SelectMultiple]),
    text,
    choices,
    st.one_of(choice_value, st.lists(choice_value, max_size=2)),
    attributes,
)
def test_a_select_reads_as_with_django(widget_class, name, choices, value, attrs):
    widget = widget_class(choices=choices)
    django_text, our_text = _both(widget, name, value, attrs)
    assert our_text == django_text


@pytest.mark.parametrize(
    "widget",
    [
        forms.Textarea(),
        forms.RadioSelect(choices=[("a", "A")]),
        forms.CheckboxSelectMultiple(choices=[("a", "A")]),
    ],
)
def test_other_widgets_are_left_to_their_templates(widget):
    django_text, our_text = _both(widget, "champ", "a", {"class": "fr-input"})
    assert our_text == django_text


def test_it_writes_the_inputs_and_the_selects_itself():
    assert "django/forms/widgets/select.html" in OURS._written
    assert "django/forms/widgets/text.html" in OURS._written
