"""The rankings in the API: seed 003's case from the person's side and the offer's,
and who may ask — the team (its own people only), not a stranger (404), not the
prescriber at the milestones level, not an employer (403/404)."""

from audit.models import SensitiveRead
from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from offers.enums import OfferState
from persons.services import person_create
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import employer_account, offer


def _get(client, bearer, user, path):
    return client.get(f"/api/v1{path}", headers=bearer(user))


def test_seed_003_through_the_api(client, bearer, team, seed):
    person, childcare, packing_job, day_job = seed
    response = _get(client, bearer, team.colleague, f"/persons/{person.pk}/offers")
    assert response.status_code == 200
    items = {item["offer_id"]: item for item in response.json()["items"]}
    assert items[packing_job.pk]["feasibility"] == "not_feasible"
    assert "permis B exigé, pas de permis" in items[packing_job.pk]["reason"]
    assert items[day_job.pk]["feasibility"] == "not_feasible"

    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    response = _get(client, bearer, team.colleague, f"/offers/{day_job.pk}/candidates")
    (item,) = response.json()["items"]
    assert item["person_id"] == person.pk
    assert item["feasibility"] == "feasible_if"
    assert item["lifting"] == ["famille-garde-moins-3-ans"]
    assert item["reason"] == ""
    assert [c["name"] for c in item["components"]][:2] == ["metier", "trajet"]
    assert all(0 <= c["score"] <= 1 for c in item["components"])
    # The family barrier was named: the read is logged.
    assert SensitiveRead.objects.filter(person=person, user=team.colleague).exists()

    barrier_change_status(barrier=childcare, to_status=BarrierStatus.LIFTED, user=team.colleague)
    path = f"/offers/{day_job.pk}/candidates?feasibility=feasible"
    assert [i["person_id"] for i in _get(client, bearer, team.colleague, path).json()["items"]] == [
        person.pk
    ]
    path = f"/offers/{day_job.pk}/candidates?feasibility=not_feasible"
    assert _get(client, bearer, team.colleague, path).json()["items"] == []


def test_candidates_come_only_from_the_people_the_organization_follows(client, bearer, team, seed):
    person, childcare, _, day_job = seed
    barrier_change_status(barrier=childcare, to_status=BarrierStatus.LIFTED, user=team.colleague)
    # Another structure follows someone who wants the same job, nearby.
    other = OrganizationFactory(name="Autre chantier")
    other_user = MembershipFactory(organization=other).user
    theirs = person_create(
        organization=other,
        user=other_user,
        data={"first_name": "Autre", "last_name": "Personne", "commune": person.commune},
    )
    from persons.services import wish_add

    wish_add(person=theirs, appellation=day_job.appellation, actor=other_user)
    mine = _get(client, bearer, team.colleague, f"/offers/{day_job.pk}/candidates").json()
    assert [i["person_id"] for i in mine["items"]] == [person.pk]
    published = _get(client, bearer, other_user, f"/offers/{day_job.pk}/candidates").json()
    assert [i["person_id"] for i in published["items"]] == [theirs.pk]


def test_a_stranger_gets_404_for_the_person_and_nobody_for_the_offer(client, bearer, team, seed):
    person, _, _, day_job = seed
    assert _get(client, bearer, team.stranger, f"/persons/{person.pk}/offers").status_code == 404
    response = _get(client, bearer, team.stranger, f"/offers/{day_job.pk}/candidates")
    # The offer is public; the stranger's structure follows none of the team's people.
    assert response.status_code == 200 and response.json()["items"] == []


def test_a_prescriber_at_the_milestones_level_gets_no_ranking(client, bearer, team, followed, seed):
    person, _, _, day_job = seed
    prescriber = followed.prescriber_user
    response = _get(client, bearer, prescriber, f"/persons/{person.pk}/offers")
    assert response.status_code == 403
    response = _get(client, bearer, prescriber, f"/offers/{day_job.pk}/candidates")
    assert response.status_code == 403


def test_an_employer_never_calls_the_engine(client, bearer, team, seed):
    person, _, _, _ = seed
    organization, employer, company = employer_account()
    own = offer(organization, employer, employer=company, state=OfferState.PUBLISHED)
    assert _get(client, bearer, employer, f"/offers/{own.pk}/candidates").status_code == 403
    assert _get(client, bearer, employer, f"/persons/{person.pk}/offers").status_code == 404


def test_a_draft_of_another_organization_is_unknown(client, bearer, team, seed):
    organization, employer, company = employer_account()
    draft = offer(organization, employer, employer=company)
    assert _get(client, bearer, team.colleague, f"/offers/{draft.pk}/candidates").status_code == 404


def test_bad_parameters_are_refused_in_french(client, bearer, team, seed):
    _, _, _, day_job = seed
    response = _get(client, bearer, team.colleague, f"/offers/{day_job.pk}/candidates?limit=0")
    assert response.status_code == 422 and "limit" in response.json()["detail"]
    response = _get(
        client, bearer, team.colleague, f"/offers/{day_job.pk}/candidates?feasibility=maybe"
    )
    assert response.status_code == 422


def test_the_walk_sample_is_ranked_for_the_team_with_its_private_words(
    client, bearer, team, followed
):
    """The stranger walk's marker is what the team reads: the walk would see a leak."""
    from tests.access.samples_matching import samples

    markers, arguments = samples(team, followed)
    path = f"/offers/{arguments['ranked_offer_id']}/candidates"
    body = _get(client, bearer, team.colleague, path).content.decode()
    assert any(marker in body for marker in markers)
