from organizations.enums import OrganizationKind
from partner_services.models import Service
from tests.barriers.helpers import demo_communes, partner_with_service
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def _data(**fields):
    data = {
        "name": "Permanence mobilité",
        "description": "Un conseiller mobilité reçoit sans rendez-vous le jeudi.",
        "thematiques": ["mobilite--etre-accompagne-dans-son-parcours-mobilite"],
        "commune": "Trélazé (49353)",
        "publics": ["tous-publics"],
        "modes_accueil": ["en-presentiel"],
    }
    data.update(fields)
    return data


def test_a_member_adds_a_local_service_of_their_organization(client, team):
    demo_communes()
    client.force_login(team.colleague)
    response = client.post("/services/nouveau/", _data())
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.is_local and service.organization == team.organization
    assert service.structure_name == team.organization.name
    assert list(service.themes.values_list("theme", flat=True)) == ["mobilite"]


def test_it_keeps_what_was_typed_when_a_field_is_wrong(client, team):
    demo_communes()
    client.force_login(team.colleague)
    response = client.post(
        "/services/nouveau/", _data(thematiques=[], contact_email="pas-un-courriel")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choisissez au moins une thématique." in body
    assert "Permanence mobilité" in body
    assert not Service.objects.exists()


def test_a_company_cannot_add_a_service(client, team):
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    user = MembershipFactory(organization=company).user
    client.force_login(user)
    assert client.get("/services/nouveau/").status_code == 403


def test_only_the_owning_organization_edits_its_service(client, team):
    communes = demo_communes()
    _, partner_user, service = partner_with_service(communes["49353"])
    client.force_login(team.colleague)
    assert client.get(f"/services/{service.pk}/").status_code == 200
    assert client.post(f"/services/{service.pk}/modifier/", _data()).status_code == 404
    client.force_login(partner_user)
    response = client.post(f"/services/{service.pk}/modifier/", _data(name="Garage rénové"))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Garage rénové"
