from django.template import Context, Template
from django.urls import reverse


def _render(text: str) -> str:
    return Template("{% load fixed_urls %}" + text).render(Context())


def test_it_gives_the_path_url_gives():
    assert _render("{% fixed_url 'home' %}") == reverse("home")
    assert _render("{% fixed_url 'person_list' as link %}[{{ link }}]") == (
        f"[{reverse('person_list')}]"
    )


def test_a_route_that_does_not_exist_gives_nothing_as_url_as_variable_does():
    assert _render("{% fixed_url 'no_such_route' as link %}[{{ link }}]") == "[]"
    assert _render("{% url 'no_such_route' as link %}[{{ link }}]") == "[]"
