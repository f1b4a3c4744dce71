"""French plurals: 0 and 1 in the singular, 2 and more in the plural, on every page."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from lib.plural import count_of, suffix
from persons.services import person_create
from plans import services as plans
from plans.enums import ActionKind


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 orientation envoyée"),
        (1, "1 orientation envoyée"),
        (2, "2 orientations envoyées"),
        (12, "12 orientations envoyées"),
    ],
)
def test_a_count_and_its_words_agree_in_french(count, expected):
    assert count_of(count, "orientation envoyée") == expected


def test_words_ending_in_s_x_or_z_and_small_words_stay_as_they_are():
    assert count_of(3, "rendez-vous pris") == "3 rendez-vous pris"
    assert count_of(2, "mise en relation") == "2 mises en relation"
    assert count_of(2, "journal", "journaux") == "2 journaux"
    assert count_of(["a", "b"], "alerte ouverte") == "2 alertes ouvertes"


def test_the_ending_follows_the_french_rule():
    assert [suffix(n) for n in (0, 1, 2)] == ["", "", "s"]
    assert [suffix(n, "t,ssent") for n in (1, 3)] == ["t", "ssent"]
    assert suffix([], "s") == ""


def test_the_template_filters_are_there_on_every_page():
    template = Template(
        '{{ n|compte:"action faite" }} · {{ n }} offre{{ n|pluriel }} · {{ n|compte:"x|y" }}'
    )
    rendered = [template.render(Context({"n": n})) for n in (0, 1, 2)]
    assert rendered == [
        "0 action faite · 0 offre · 0 x",
        "1 action faite · 1 offre · 1 x",
        "2 actions faites · 2 offres · 2 y",
    ]


def test_no_template_uses_the_english_plural():
    """Django's `pluralize` puts 0 in the plural (« 0 offres »): the pages use `pluriel`."""
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        if "|pluralize" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_person_list_counts_0_1_and_2_people(client, team):
    client.force_login(team.colleague)
    captions = []
    for first_name in (None, "Karim", "Inès"):
        if first_name:
            person_create(
                organization=team.organization,
                user=team.colleague,
                data={"first_name": first_name, "last_name": "Compté"},
            )
        body = client.get(reverse("person_list")).content.decode()
        captions.append(body.split("<caption>")[1].split("</caption>")[0].strip())
    assert captions == ["0 personne", "1 personne", "2 personnes"]


@pytest.mark.django_db
def test_my_actions_count_0_1_and_2_actions(client, team, followed):
    client.force_login(team.colleague)
    captions = []
    for title in (None, "Appeler la CAF", "Relancer l'employeur"):
        if title:
            plans.action_create(
                actor=team.colleague,
                person=followed.person,
                kind=ActionKind.OTHER,
                title=title,
                owner=team.colleague,
                organization=team.organization,
            )
        body = client.get(reverse("my_actions")).content.decode()
        captions.append(body.split("<caption>")[1].split(",")[0])
    assert captions == ["0 action à faire", "1 action à faire", "2 actions à faire"]
