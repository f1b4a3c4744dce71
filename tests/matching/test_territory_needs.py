"""« Besoins du territoire », page and API: the area of Angers Loire Métropole with two
people who want the bakery job, one followed by the team and one by another structure,
both waiting for a childcare solution being found; two bakery offers; a crèche. Who may
read it, what is named and what is only counted, and the refusals."""

from html import unescape

import pytest

from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from companies.models import ClubMembership, GroupMembership
from jobs.models import SectorHiring
from offers.enums import OfferState
from pathways.enums import EntryChannel, PathwayKind
from pathways.services import pathway_open
from persons.services import person_create, person_update, wish_add
from tests.barriers.helpers import identify, partner_with_service
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.territories import EPCIFactory
from tests.offers.helpers import angers, bakery_job, company, employer_account, offer, trelaze

ANGERS_EPCI = "244900015"
SENTENCE = "Lever la garde d'enfants de moins de 3 ans de 2 personnes ouvrirait 4 mises en relation"
SECRET_NAME = "Personne-Discrète"


def _childcare_being_found(person, user, organization):
    barrier = identify(person, "famille-garde-moins-3-ans", user, organization)
    barrier_change_status(barrier=barrier, to_status=BarrierStatus.BEING_LIFTED, user=user)


@pytest.fixture
def area(team, followed):
    EPCIFactory(code=ANGERS_EPCI, name="CU Angers Loire Métropole")
    home, city = trelaze(), angers()
    job = bakery_job()
    person = followed.person
    person_update(person=person, actor=team.colleague, data={"commune": home})
    wish_add(person=person, appellation=job, actor=team.colleague)
    _childcare_being_found(person, team.colleague, team.organization)

    other = OrganizationFactory(name="Autre chantier")
    other_user = MembershipFactory(organization=other).user
    theirs = person_create(
        organization=other,
        user=other_user,
        data={"first_name": "Camille", "last_name": SECRET_NAME, "commune": city},
    )
    pathway_open(
        person=theirs,
        organization=other,
        kind=PathwayKind.IAE,
        referent=other_user,
        user=other_user,
        entry_channel=EntryChannel.WALK_IN,
    )
    wish_add(person=theirs, appellation=job, actor=other_user)
    _childcare_being_found(theirs, other_user, other)

    bakery = company(name="Boulangerie du Marché", commune=home)
    bakery.naf_code = "10.71C"
    bakery.save()
    SectorHiring.objects.create(
        rome_id="D1106", naf_code="1071C", naf_label="Boulangerie", hirings=120
    )
    offer(
        team.organization, team.colleague, employer=bakery, positions=2, state=OfferState.PUBLISHED
    )
    offer(team.organization, team.colleague, commune=city, state=OfferState.PUBLISHED)
    _, _, creche = partner_with_service(
        home, name="Crèche à vocation d'insertion", thematiques=["famille--garde-denfants"]
    )

    group = company(name="GE Anjou Emploi", commune=city)
    group.is_employer_group = True
    group.save()
    GroupMembership.objects.create(group=group, member=bakery)
    for organization in (team.organization, other):
        ClubMembership.objects.create(organization=organization, company=group)
    return {
        "other": other,
        "other_user": other_user,
        "theirs": theirs,
        "creche": creche,
        "group": group,
        "bakery": bakery,
    }


def _api(client, bearer, user, query):
    return client.get(f"/api/v1/territory/needs?{query}", headers=bearer(user))


def test_the_api_names_the_barrier_to_lift_first_with_the_services_that_lift_it(
    client, bearer, team, area
):
    response = _api(client, bearer, team.colleague, f"epci={ANGERS_EPCI}")
    assert response.status_code == 200
    body = response.json()
    first = body["barriers"][0]
    assert first["code"] == "famille-garde-moins-3-ans"
    assert (first["people"], first["people_followed"], first["introductions"]) == (2, 1, 4)
    assert first["sentence"] == SENTENCE
    assert first["service_ids"] == [area["creche"].pk]
    (bakery,) = [f for f in body["families"] if f["code"] == "D1106"]
    assert (bakery["offers"], bakery["positions"], bakery["people"]) == (2, 3, 2)
    assert bakery["people_followed"] == 1
    assert bakery["feasible_if"] == 4
    assert [c["name"] for c in bakery["companies"]] == ["Boulangerie du Marché"]
    assert body["area"]["label"] == "CU Angers Loire Métropole"


def test_a_commune_and_a_radius_give_the_same_crossing(client, bearer, team, area):
    body = _api(client, bearer, team.colleague, "commune=49353&radius_km=15").json()
    assert body["barriers"][0]["introductions"] == 4
    assert body["area"]["radius_km"] == 15
    # Angers is 8 km away: beyond 5 km, the second person and offer are outside.
    body = _api(client, bearer, team.colleague, "commune=49353&radius_km=5").json()
    assert body["people"] == 1
    assert body["barriers"][0]["introductions"] == 1


def test_the_page_says_what_the_api_says(client, bearer, team, area):
    client.force_login(team.colleague)
    page = client.get(f"/territoire/besoins/?epci={ANGERS_EPCI}&group={area['group'].pk}")
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert SENTENCE in html
    api = _api(client, bearer, team.colleague, f"epci={ANGERS_EPCI}&group={area['group'].pk}")
    body = api.json()
    needs = page.context["needs"]
    assert [(b.code, b.people, b.introductions) for b in needs.barriers] == [
        (b["code"], b["people"], b["introductions"]) for b in body["barriers"]
    ]
    assert [(f.code, f.positions, f.people, f.feasible, f.feasible_if) for f in needs.families] == [
        (f["code"], f["positions"], f["people"], f["feasible"], f["feasible_if"])
        for f in body["families"]
    ]
    assert (needs.people, needs.offers, needs.positions) == (
        body["people"],
        body["offers"],
        body["positions"],
    )
    assert needs.group.needs[0].people == body["group"]["needs"][0]["people"] == 2


def test_the_group_crossing_names_only_the_people_the_user_follows(
    client, bearer, team, followed, area
):
    client.force_login(team.colleague)
    html = unescape(
        client.get(
            f"/territoire/besoins/?epci={ANGERS_EPCI}&group={area['group'].pk}"
        ).content.decode()
    )
    assert followed.person.last_name in html
    assert SECRET_NAME not in html
    body = _api(client, bearer, team.colleague, f"epci={ANGERS_EPCI}&group={area['group'].pk}")
    (need,) = body.json()["group"]["needs"]
    assert (need["code"], need["positions"], need["people"]) == ("D1106", 2, 2)
    assert need["followed_person_ids"] == [followed.person.pk]
    assert str(area["theirs"].pk) not in body.content.decode().split('"followed_person_ids"')[1]


def test_a_prescriber_reads_counts_and_no_name(client, bearer, followed, area):
    user = followed.prescriber_user
    client.force_login(user)
    html = unescape(client.get(f"/territoire/besoins/?epci={ANGERS_EPCI}").content.decode())
    for name in (followed.person.last_name, SECRET_NAME):
        assert name not in html
    body = _api(client, bearer, user, f"epci={ANGERS_EPCI}").json()
    assert body["people_followed"] == 0
    # A family barrier of two people only: not shown to whom may not see barriers.
    assert SENTENCE not in html
    assert body["barriers"] == []
    assert body["people"] == 2
    # No group in a prescriber's club: those of the area, and it says so.
    assert body["groups_from_area"] is True
    assert [g["name"] for g in body["groups"]] == ["GE Anjou Emploi"]
    body = _api(client, bearer, user, f"epci={ANGERS_EPCI}&group={area['group'].pk}").json()
    assert body["group"]["needs"][0]["followed_person_ids"] == []
    assert body["group"]["needs"][0]["people"] == 2


def test_a_prescriber_reads_a_family_barrier_counted_over_three_people(
    client, bearer, followed, area
):
    third = person_create(
        organization=area["other"],
        user=area["other_user"],
        data={"first_name": "Dominique", "last_name": "Troisième", "commune": trelaze()},
    )
    wish_add(person=third, appellation=bakery_job(), actor=area["other_user"])
    _childcare_being_found(third, area["other_user"], area["other"])
    body = _api(client, bearer, followed.prescriber_user, f"epci={ANGERS_EPCI}").json()
    (first,) = body["barriers"]
    assert (first["code"], first["people"], first["introductions"]) == (
        "famille-garde-moins-3-ans",
        3,
        6,
    )


def test_an_employer_gets_neither_the_page_nor_the_api(client, bearer, area):
    _, user, _ = employer_account()
    client.force_login(user)
    assert client.get(f"/territoire/besoins/?epci={ANGERS_EPCI}").status_code == 403
    response = _api(client, bearer, user, f"epci={ANGERS_EPCI}")
    assert response.status_code == 403
    assert "réservés" in response.json()["detail"]
    assert "Besoins du territoire" not in client.get("/").content.decode()


def test_the_navigation_leads_a_structure_to_the_page(client, team, area):
    client.force_login(team.colleague)
    assert 'href="/territoire/besoins/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("", "Choisissez un EPCI, ou une commune et un rayon"),
        (f"epci={ANGERS_EPCI}&commune=49353&radius_km=10", "pas les deux"),
        ("epci=999999999", "Aucun EPCI n'a le code « 999999999 »"),
        ("commune=99999&radius_km=10", "99999"),
        ("commune=trela&radius_km=10", "Aucune commune n'a le code INSEE « trela »"),
        ("commune=49353", "Indiquez le rayon"),
        ("commune=49353&radius_km=0", "1 km au moins"),
        ("commune=49353&radius_km=101", "100 km au plus"),
        (f"epci={ANGERS_EPCI}&radius_km=10", "Un rayon se donne avec une commune"),
        (f"epci={ANGERS_EPCI}&group=987654", "ce groupement ne fait pas partie"),
    ],
)
def test_the_api_refuses_a_wrong_area_in_french(client, bearer, team, area, query, words):
    response = _api(client, bearer, team.colleague, query)
    assert response.status_code in (400, 422)
    assert words in response.json()["detail"]


def test_the_page_refuses_a_wrong_area_and_keeps_what_was_typed(client, team, area):
    client.force_login(team.colleague)
    response = client.get("/territoire/besoins/?commune=Trélazé&radius_km=500")
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "100 km au plus" in html
    assert 'value="500"' in html
    assert 'value="Trélazé (49353)"' in html or 'value="Trélazé"' in html


def test_the_page_takes_a_commune_by_its_name(client, team, area):
    client.force_login(team.colleague)
    response = client.get("/territoire/besoins/?commune=Trélazé (49353)&radius_km=15")
    assert response.status_code == 200
    assert SENTENCE in unescape(response.content.decode())


def test_an_anonymous_visitor_is_sent_to_sign_in(client, area):
    response = client.get(f"/territoire/besoins/?epci={ANGERS_EPCI}")
    assert response.status_code == 302
    assert client.get(f"/api/v1/territory/needs?epci={ANGERS_EPCI}").status_code == 401


def test_a_stranger_counts_the_people_of_the_area_and_names_none(
    client, bearer, team, followed, area
):
    client.force_login(team.stranger)
    query = f"epci={ANGERS_EPCI}&group={area['group'].pk}"
    response = client.get(f"/territoire/besoins/?{query}")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert SENTENCE in html
    for secret in (
        followed.person.last_name,
        followed.person.first_name,
        SECRET_NAME,
        f"/personnes/{followed.person.pk}/",
        f"/personnes/{area['theirs'].pk}/",
    ):
        assert secret not in html
    body = _api(client, bearer, team.stranger, query).json()
    assert body["people"] == 2 and body["people_followed"] == 0
    assert body["group"]["needs"][0]["followed_person_ids"] == []
    assert followed.person.last_name not in str(body)
