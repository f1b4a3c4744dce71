"""The pool at a glance (seed 000): the person list filters on the wished job (the job
or its ROME family), availability, travel radius, pathway kind and state, and shows each
person's first wish, at a cost that does not grow with the people shown."""

import time
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import session_renewal
from pathways.enums import EntryChannel, PathwayKind
from pathways.services import pathway_open
from persons.services import person_create, person_update, wish_add
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(db):
    logistics = RomeFamilyFactory(code="N1103", name="Magasinage et préparation de commandes")
    return {
        "cariste": AppellationFactory(code="11111", name="Cariste", rome=logistics),
        "magasinier": AppellationFactory(code="11112", name="Magasinier", rome=logistics),
        "aide": AppellationFactory(code="22222", name="Aide à domicile"),
    }


def _person(team, last_name, *, kind=PathwayKind.IAE, wishes=(), **situation):
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Personne", "last_name": last_name},
    )
    pathway_open(
        person=person,
        organization=team.organization,
        kind=kind,
        referent=team.colleague,
        user=team.colleague,
        entry_channel=EntryChannel.WALK_IN,
    )
    for appellation, words in wishes:
        wish_add(person=person, appellation=appellation, own_words=words, actor=team.colleague)
    if situation:
        person_update(person=person, data=situation, actor=team.colleague)
    return person


def _listed(client, **query):
    response = client.get(f"{reverse('person_list')}?{urlencode(query)}")
    assert response.status_code == 200, response.content.decode()[:500]
    return [p.last_name for p in response.context["page"].object_list]


def test_it_filters_on_the_wished_job_or_its_family(client, team, jobs):
    _person(team, "Cariste", wishes=[(jobs["cariste"], "")])
    _person(team, "Magasinier", wishes=[(jobs["aide"], ""), (jobs["magasinier"], "")])
    _person(team, "Aide", wishes=[(jobs["aide"], "")])
    _person(team, "Animaux", wishes=[(None, "travailler avec les animaux")])
    client.force_login(team.colleague)
    assert _listed(client, appellation="Cariste (11111)") == ["Cariste"]
    assert _listed(client, appellation="Cariste (11111)", job_scope="family") == [
        "Cariste",
        "Magasinier",
    ]
    assert _listed(client, appellation="Aide à domicile (22222)") == ["Aide", "Magasinier"]


def test_it_filters_on_availability_travel_radius_kind_and_state(client, team, jobs):
    today = date.today()
    _person(team, "Tot", available_from=today, max_travel_km=40)
    _person(team, "Tard", available_from=today + timedelta(days=90), max_travel_km=10)
    _person(team, "Sasien", kind=PathwayKind.SAS_IAE)
    client.force_login(team.colleague)
    by = (today + timedelta(days=30)).isoformat()
    assert _listed(client, available_by=by) == ["Sasien", "Tot"]  # no date said: included
    assert _listed(client, travel_km="20") == ["Tot"]
    assert _listed(client, kind="sas_iae") == ["Sasien"]
    assert _listed(client, kind="iae", state="intake", travel_km="5") == ["Tard", "Tot"]


def test_a_wrong_radius_is_a_french_error(client, team):
    client.force_login(team.colleague)
    response = client.get(f"{reverse('person_list')}?travel_km=beaucoup")
    assert response.status_code == 400
    assert "Indiquez un nombre de kilomètres." in response.content.decode()


def test_it_shows_each_persons_first_wish(client, team, jobs):
    _person(team, "Aide", wishes=[(jobs["aide"], ""), (jobs["cariste"], "")])
    _person(team, "Animaux", wishes=[(None, "travailler avec les animaux")])
    client.force_login(team.colleague)
    body = client.get(reverse("person_list")).content.decode()
    assert "Premier métier souhaité" in body
    assert "<td>Aide à domicile</td>" in body and "<td>Cariste</td>" not in body
    assert "« travailler avec les animaux »" in body


def test_a_stranger_finds_nobody_whatever_the_filters(client, team, jobs):
    _person(team, "Cariste", wishes=[(jobs["cariste"], "")], max_travel_km=50)
    client.force_login(team.stranger)
    assert _listed(client, appellation="Cariste (11111)", job_scope="family", travel_km=10) == []


def _queries_of(client, url):
    # Signed in a moment ago: the renewal of the session does not fall in the measure.
    session = client.session
    session[session_renewal.RENEWED_KEY] = int(time.time())
    session.save()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"appellation": "Cariste (11111)", "job_scope": "family"},
        {"kind": "iae", "state": "intake", "available_by": "2099-01-01", "travel_km": "5"},
    ],
)
def test_the_filtered_list_costs_the_same_for_1_or_30_people(client, team, jobs, query):
    wishes = [(jobs["cariste"], ""), (None, "conduire des engins")]
    _person(team, "Premier", wishes=wishes, max_travel_km=30)
    client.force_login(team.colleague)
    url = f"{reverse('person_list')}?{urlencode(query)}"
    one, response = _queries_of(client, url)
    assert len(response.context["page"].object_list) == 1
    for number in range(29):
        _person(team, f"Suivant{number:02d}", wishes=wishes, max_travel_km=30)
    thirty, response = _queries_of(client, url)
    assert response.context["page"].paginator.count == 30
    assert thirty == one
