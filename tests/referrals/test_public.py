"""The public application page: no sign-in, rate-limited, spam-protected, and silent
about who is already known."""

import pytest
from django.core.cache import cache

from lib import form_tokens, rate_limit
from persons.models import Person
from persons.services import person_create
from referrals.entry_forms import FORM_PURPOSE
from referrals.enums import Channel
from referrals.enums import ReferralState as S
from referrals.models import Referral
from tests.directory.helpers import territory
from timeline.models import Audience, TimelineEvent


@pytest.fixture(autouse=True)
def fresh_rate_limits(at_a_window_start):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def structures(db):
    return territory()[1]


def _started(seconds_ago: float = 10) -> str:
    return form_tokens.issue(FORM_PURPOSE, at=rate_limit.now() - seconds_ago)


def _apply(client, structure, headers=None, **extra):
    data = {
        "first_name": "Amina",
        "last_name": "Candidate",
        "phone": "06 55 44 33 22",
        "email": "amina@exemple.fr",
        "commune": "49353",
        "message": "Je cherche un travail dans le ménage, le matin.",
        "consent": "on",
        "website": "",
        "started": _started(),
    }
    data.update(extra)
    return client.post(f"/candidater/{structure.pk}/", data, headers=headers)


def test_the_public_list_shows_only_structures_open_to_referrals_near_the_commune(
    client, structures
):
    response = client.get("/candidater/", {"commune": "49353"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trélazé Services" in body and "Jardins de la Maine" in body
    assert "Propreté des Ponts" not in body  # closed to referrals
    assert "Viadène Nature" not in body  # too far
    assert "Boulangerie" not in body
    assert client.get(f"/candidater/{structures['ponts'].pk}/").status_code == 404


def test_an_application_creates_the_person_and_lands_in_the_structure_inbox(client, structures):
    trelaze = structures["trelaze"]
    assert client.get(f"/candidater/{trelaze.pk}/").status_code == 200
    response = _apply(client, trelaze)
    assert response.status_code == 302
    assert response["Location"] == f"/candidater/merci/?structure={trelaze.pk}"
    referral = Referral.objects.get()
    assert referral.channel == Channel.SELF_REFERRAL and referral.state == S.SENT
    assert referral.to_organization == trelaze and referral.from_organization is None
    assert referral.person.created_by_organization == trelaze
    assert referral.person.consents.get().method == "online"
    thanks = client.get(response["Location"]).content.decode()
    assert "30 jours" in thanks and "Trélazé Services" in thanks


def test_an_application_never_says_the_person_is_known_and_tells_the_structure(
    client, team, structures
):
    trelaze = structures["trelaze"]
    known = person_create(
        organization=trelaze,
        user=None,
        data={"first_name": "Amina", "last_name": "Candidate", "email": "amina@exemple.fr"},
    )
    response = _apply(client, trelaze)
    assert response["Location"] == f"/candidater/merci/?structure={trelaze.pk}"
    new = Person.objects.exclude(pk=known.pk).get(last_name="Candidate")
    warning = TimelineEvent.objects.get(person=new, title="Dossier peut-être en double")
    assert warning.audience == Audience.ORGANIZATION and warning.organization == trelaze
    assert f"n° {known.pk}" in warning.detail


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_written(client, structures):
    response = _apply(client, structures["trelaze"], website="http://spam.example")
    assert response.status_code == 302
    assert not Person.objects.exists() and not Referral.objects.exists()


def test_a_form_sent_too_fast_or_without_its_time_is_refused_and_kept(client, structures):
    response = _apply(client, structures["trelaze"], started=_started(seconds_ago=0.5))
    assert response.status_code == 400
    body = response.content.decode()
    assert "envoyé trop vite" in body
    assert "Je cherche un travail dans le ménage" in body
    assert _apply(client, structures["trelaze"], started="falsifié").status_code == 400
    assert not Person.objects.exists()


def test_an_application_needs_a_way_to_answer_and_consent(client, structures):
    response = _apply(client, structures["trelaze"], phone="", email="", consent="")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Indiquez un téléphone ou une adresse électronique" in body
    assert "Cochez la case" in body
    assert not Referral.objects.exists()


def test_the_pages_are_rate_limited_per_visitor(client, structures):
    trelaze = structures["trelaze"]
    statuses = [_apply(client, trelaze, last_name=f"Candidate{n}").status_code for n in range(6)]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert "Patientez une minute" in _apply(client, trelaze).content.decode()
    assert Referral.objects.count() == 5
    other = client.get("/candidater/", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_the_same_form_sent_five_times_makes_one_person_and_one_referral(client, structures):
    trelaze = structures["trelaze"]
    token = _started()
    responses = [_apply(client, trelaze, started=token) for _ in range(5)]
    assert responses[0].status_code == 302
    assert all(r.status_code == 400 for r in responses[1:])
    assert "déjà été envoyé" in responses[1].content.decode()
    assert Person.objects.count() == 1 and Referral.objects.count() == 1


def test_the_same_application_with_new_pages_is_thanked_and_written_once(client, structures):
    trelaze = structures["trelaze"]
    responses = [_apply(client, trelaze, started=_started()) for _ in range(3)]
    assert {r["Location"] for r in responses} == {f"/candidater/merci/?structure={trelaze.pk}"}
    assert Person.objects.count() == 1 and Referral.objects.count() == 1
    # Another person, or the same person to another structure, is a new application.
    _apply(client, trelaze, first_name="Bintou", started=_started())
    _apply(client, structures["angers"], started=_started())
    assert Referral.objects.count() == 3


def test_the_submission_limit_counts_per_forwarded_address(client, structures, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    trelaze = structures["trelaze"]

    def apply_from(address, n):
        return _apply(
            client, trelaze, last_name=f"Candidate {n}", headers={"X-Forwarded-For": address}
        ).status_code

    statuses = [apply_from("203.0.113.7", n) for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert apply_from("198.51.100.3", 6) == 302
