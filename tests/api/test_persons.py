"""The persons API: the same people and facts as the pages, the same levels, and a
stranger gets nothing."""

from audit.context import current_actor
from audit.models import AuditEntry, SensitiveRead
from organizations.enums import OrganizationKind
from persons.models import Person
from persons.services import person_update, wish_add
from tests.factories.jobs import AppellationFactory
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.territories import CommuneFactory

NEW = {
    "first_name": "Karim",
    "last_name": "Benali",
    "birth_date": "1980-02-03",
    "email": "karim@exemple.fr",
    "consent_given": True,
}


def test_it_lists_the_same_people_as_the_page(client, team, followed, bearer):
    client.force_login(team.colleague)
    page = client.get("/personnes/?q=quintaval")
    data = client.get("/api/v1/persons?q=quintaval", headers=bearer(team.colleague)).json()
    assert data["count"] == page.context["page"].paginator.count == 1
    item = data["items"][0]
    shown = page.context["page"].object_list[0]
    assert item["id"] == shown.pk and item["last_name"] == shown.last_name
    assert item["current_pathway"]["state_label"] == shown.scoped_pathways[0].get_state_display()
    assert item["current_pathway"]["referent"] == str(team.colleague)


def test_the_list_searches_and_is_empty_for_a_stranger(client, team, followed, bearer):
    assert (
        client.get("/api/v1/persons?q=zorro", headers=bearer(team.colleague)).json()["count"] == 0
    )
    data = client.get("/api/v1/persons", headers=bearer(team.stranger)).json()
    assert data == {"count": 0, "page": 1, "pages": 1, "items": []}


def test_the_team_gets_the_whole_record(client, team, followed, bearer):
    wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(code="44444", name="Plongeur"),
    )
    person_update(
        actor=team.colleague,
        person=followed.person,
        data={"moves_by_bike": True, "max_travel_km": 12},
    )
    client.force_login(team.colleague)
    page = client.get(f"/personnes/{followed.person.pk}/")
    data = client.get(
        f"/api/v1/persons/{followed.person.pk}", headers=bearer(team.colleague)
    ).json()
    assert data["level"] == "team"
    assert data["email"] == page.context["person"].email == "sandrine@exemple.fr"
    assert [w["appellation_name"] for w in data["wishes"]] == [
        w.appellation.name for w in page.context["wishes"]
    ]
    assert data["mobility"]["moves_by_bike"] is True and data["mobility"]["max_travel_km"] == 12
    assert data["situation"]["receives_rsa"] is False
    assert data["experiences"] == []


def test_the_prescriber_gets_the_identity_only(client, team, followed, bearer):
    wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(code="44444", name="Plongeur"),
    )
    headers = bearer(followed.prescriber_user)
    data = client.get(f"/api/v1/persons/{followed.person.pk}", headers=headers).json()
    assert data["level"] == "milestones" and data["last_name"] == "Quintaval"
    for hidden in ("email", "phone", "situation", "mobility", "wishes", "experiences"):
        assert hidden not in data
    assert (
        client.get(f"/api/v1/persons/{followed.person.pk}/wishes", headers=headers).status_code
        == 403
    )
    response = client.patch(
        f"/api/v1/persons/{followed.person.pk}",
        {"last_name": "Autre"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403


def test_a_stranger_gets_404_everywhere(client, team, followed, bearer):
    headers = bearer(team.stranger)
    pk = followed.person.pk
    for response in (
        client.get(f"/api/v1/persons/{pk}", headers=headers),
        client.get(f"/api/v1/persons/{pk}/wishes", headers=headers),
        client.patch(
            f"/api/v1/persons/{pk}",
            {"last_name": "X"},
            content_type="application/json",
            headers=headers,
        ),
        client.post(
            f"/api/v1/persons/{pk}/wishes",
            {"appellation_code": "1"},
            content_type="application/json",
            headers=headers,
        ),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Ressource introuvable."}


def test_it_creates_a_person(client, team, bearer):
    commune = CommuneFactory(code="49353", name="Trélazé")
    response = client.post(
        "/api/v1/persons",
        {**NEW, "commune_code": commune.code},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201
    data = response.json()
    person = Person.objects.get(pk=data["id"])
    assert person.created_by_organization == team.organization
    assert data["commune_name"] == "Trélazé" and data["level"] == "team"
    assert person.consents.get().given


def test_it_refuses_a_person_without_consent(client, team, bearer):
    response = client.post(
        "/api/v1/persons",
        {**NEW, "consent_given": False},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Le consentement de la personne est obligatoire."
    assert not Person.objects.filter(last_name="Benali").exists()


def test_a_likely_duplicate_answers_409_until_confirmed(client, team, followed, bearer):
    twin = {
        **NEW,
        "first_name": "Sandrine",
        "last_name": "Quintaval",
        "email": "sandrine@exemple.fr",
    }
    response = client.post(
        "/api/v1/persons", twin, content_type="application/json", headers=bearer(team.colleague)
    )
    assert response.status_code == 409
    assert response.json()["matches"] == [followed.person.pk]
    stranger = client.post(
        "/api/v1/persons", twin, content_type="application/json", headers=bearer(team.stranger)
    )
    assert stranger.status_code == 409
    assert stranger.json()["matches"] == [] and stranger.json()["elsewhere"] is True
    assert str(followed.person.pk) not in stranger.json()["detail"]
    assert "sandrine" not in stranger.json()["detail"].lower()
    confirmed = client.post(
        "/api/v1/persons",
        {**twin, "confirm_not_duplicate": True},
        content_type="application/json",
        headers=bearer(team.stranger),
    )
    assert confirmed.status_code == 201
    assert Person.objects.filter(last_name="Quintaval").count() == 2


def test_an_employer_cannot_create(client, db, bearer):
    user = MembershipFactory(organization=OrganizationFactory(kind=OrganizationKind.COMPANY)).user
    response = client.post(
        "/api/v1/persons", NEW, content_type="application/json", headers=bearer(user)
    )
    assert response.status_code == 403


def test_the_team_patches_the_record(client, team, followed, bearer):
    response = client.patch(
        f"/api/v1/persons/{followed.person.pk}",
        {"driving_licence": "B", "no_weekends": True, "wanted_contract_types": ["CDI"]},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 200
    assert response.json()["mobility"]["driving_licence"] == "B"
    followed.person.refresh_from_db()
    assert followed.person.no_weekends and followed.person.wanted_contract_types == ["CDI"]
    invalid = client.patch(
        f"/api/v1/persons/{followed.person.pk}",
        {"driving_licence": "Z", "last_name": "Changé"},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert invalid.status_code == 422
    assert "driving_licence : Valeur possible" in invalid.json()["detail"]
    followed.person.refresh_from_db()
    assert followed.person.last_name == "Quintaval" and followed.person.driving_licence == "B"


def test_the_health_fields_are_a_logged_read(client, team, followed, bearer):
    person_update(actor=team.colleague, person=followed.person, data={"disabled_worker": True})
    data = client.get(
        f"/api/v1/persons/{followed.person.pk}", headers=bearer(team.colleague)
    ).json()
    assert data["situation"]["disabled_worker"] is True
    assert SensitiveRead.objects.filter(person=followed.person, user=team.colleague).exists()


def test_the_team_adds_lists_and_removes_wishes(client, team, followed, bearer):
    AppellationFactory(code="55555", name="Cariste")
    headers = bearer(team.colleague)
    url = f"/api/v1/persons/{followed.person.pk}/wishes"
    created = client.post(
        url,
        {"appellation_code": "55555", "own_words": "conduire"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201 and created.json()["rank"] == 1
    assert (
        client.post(
            url, {"appellation_code": "00000"}, content_type="application/json", headers=headers
        ).status_code
        == 400
    )
    assert [w["appellation_name"] for w in client.get(url, headers=headers).json()] == ["Cariste"]
    wish_id = created.json()["id"]
    assert client.delete(f"{url}/{wish_id}", headers=headers).status_code == 204
    assert client.get(url, headers=headers).json() == []
    assert client.delete(f"{url}/{wish_id}", headers=headers).status_code == 404


def test_a_person_typed_with_names_only_is_a_likely_duplicate_of_the_record_there(
    client, team, followed, bearer
):
    """The API checks like the pages: swapped names in capitals, no birth date."""
    known = followed.person
    response = client.post(
        "/api/v1/persons",
        {
            "first_name": known.last_name.upper(),
            "last_name": known.first_name,
            "consent_given": True,
        },
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 409
    assert response.json()["matches"] == [known.pk]


def test_a_change_through_the_api_is_recorded_as_the_token_owners(client, team, followed, bearer):
    response = client.patch(
        f"/api/v1/persons/{followed.person.pk}",
        {"no_weekends": True},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(object_id=str(followed.person.pk)).latest("pk")
    assert entry.actor == team.colleague
    assert entry.actor_repr == str(team.colleague)
    # The request over, the next change without a user is the system's again.
    assert current_actor() is None
