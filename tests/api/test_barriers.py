from audit.models import SensitiveRead
from barriers.models import PersonBarrier
from organizations.enums import OrganizationKind
from tests.barriers.helpers import identify
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import TeamMemberFactory


def test_it_lists_the_referential_with_items(client, team, bearer):
    response = client.get("/api/v1/barrier-themes", headers=bearer(team.colleague))
    themes = {theme["code"]: theme for theme in response.json()}
    assert themes["sante"]["is_sensitive"] is True
    mobility_items = [item["code"] for item in themes["mobilite"]["items"]]
    assert "mobilite-sans-permis" in mobility_items


def test_the_team_reads_the_barriers_and_the_sensitive_read_is_logged(
    client, team, followed, bearer
):
    identify(followed.person, "sante-port-de-charges", team.colleague, team.organization, "Dos")
    url = f"/api/v1/persons/{followed.person.pk}/barriers"
    response = client.get(url, headers=bearer(team.colleague))
    assert response.status_code == 200
    [barrier] = response.json()
    assert barrier["item"] == "sante-port-de-charges" and barrier["detail"] == "Dos"
    assert barrier["history"][0]["to_status"] == "identified"
    read = SensitiveRead.objects.get()
    assert (read.user, read.person, read.path) == (team.colleague, followed.person, url)


def test_it_does_not_log_a_read_without_sensitive_theme(client, team, followed, bearer):
    identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    client.get(f"/api/v1/persons/{followed.person.pk}/barriers", headers=bearer(team.colleague))
    assert not SensitiveRead.objects.exists()


def test_it_refuses_prescribers_and_employers_and_hides_from_strangers(
    client, team, followed, bearer
):
    identify(followed.person, "sante-port-de-charges", team.colleague, team.organization, "Dos")
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    manager = MembershipFactory(organization=company).user
    TeamMemberFactory(pathway=followed.pathway, user=manager, organization=company)
    url = f"/api/v1/persons/{followed.person.pk}/barriers"
    # The prescriber knows the person (milestones): 403. The employer's seat gives
    # nothing: the person does not exist for them.
    assert client.get(url, headers=bearer(followed.prescriber_user)).status_code == 403
    assert client.get(url, headers=bearer(manager)).status_code == 404
    response = client.get(url, headers=bearer(team.stranger))
    assert response.status_code == 404
    assert response.json()["detail"] == "Ressource introuvable."
    assert not SensitiveRead.objects.exists()


def test_it_creates_a_barrier_and_changes_its_status(client, team, followed, bearer):
    headers = bearer(team.colleague)
    url = f"/api/v1/persons/{followed.person.pk}/barriers"
    response = client.post(
        url,
        {"item": "famille-garde-moins-3-ans", "detail": "Fils de 2 ans"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    barrier_id = response.json()["id"]
    response = client.post(
        f"{url}/{barrier_id}/status",
        {"status": "lifted", "comment": "Place en crèche"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "lifted"
    assert [h["to_status"] for h in response.json()["history"]] == ["identified", "lifted"]


def test_it_explains_a_refused_write_in_french(client, team, followed, bearer):
    headers = bearer(team.colleague)
    url = f"/api/v1/persons/{followed.person.pk}/barriers"
    response = client.post(
        url, {"item": "inconnu"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Frein inconnu : « inconnu »."
    barrier = identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    response = client.post(
        f"{url}/{barrier.pk}/status",
        {"status": "identified"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "Impossible de passer" in response.json()["detail"]
    assert PersonBarrier.objects.get().status == "identified"
