from organizations.enums import Role
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def test_it_switches_the_current_organization(client, team):
    second = OrganizationFactory(name="Seconde Structure")
    MembershipFactory(user=team.colleague, organization=second, role=Role.MEMBER)
    client.force_login(team.colleague)
    assert client.get("/").context["organization"] == team.organization

    response = client.post("/organisation/changer/", {"organization": second.pk, "next": "/"})
    assert response.status_code == 302
    assert client.get("/").context["organization"] == second


def test_it_refuses_to_switch_to_a_foreign_organization(client, team):
    client.force_login(team.stranger)
    client.post("/organisation/changer/", {"organization": team.organization.pk})
    assert client.get("/").context["organization"] == team.other


def test_the_home_page_shows_real_content(client, team):
    client.force_login(team.colleague)
    body = client.get("/").content.decode()
    assert "Chantier des Tests" in body
    assert team.admin.get_full_name() in body
    assert "Activité récente" in body


def test_the_legal_pages_are_public(client):
    for path in ("/mentions-legales/", "/donnees-personnelles/", "/accessibilite/"):
        assert client.get(path).status_code == 200


def test_an_admin_without_mfa_must_enrol(client, db):
    membership = MembershipFactory(role=Role.ADMIN)
    client.force_login(membership.user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/2fa/totp/activate/"


def test_a_member_needs_no_mfa(client, team):
    client.force_login(team.colleague)
    assert client.get("/").status_code == 200


def test_a_coordinator_sees_the_territory(client, db):
    from organizations.enums import OrganizationKind
    from tests.factories.territories import CommuneFactory, EPCIFactory

    epci = EPCIFactory()
    commune = CommuneFactory(epci=epci)
    coordinator = OrganizationFactory(kind=OrganizationKind.COORDINATOR, commune=commune)
    coordinator.served_epcis.set([epci])
    OrganizationFactory(kind=OrganizationKind.ACI, commune=commune)
    OrganizationFactory(kind=OrganizationKind.ACI, commune=commune)
    member = MembershipFactory(organization=coordinator).user
    client.force_login(member)
    body = client.get("/").content.decode()
    assert "Votre territoire" in body
    assert "Atelier et chantier d&#x27;insertion (ACI) : 2" in body


def test_a_platform_admin_sees_the_platform(client, team):
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.factories.accounts import UserFactory

    staff = UserFactory(is_staff=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    body = client.get("/").content.decode()
    assert "La plateforme" in body and "2 organisations" in body


def test_the_home_page_counts_what_is_waiting_today(client, team, followed):
    client.force_login(team.colleague)
    response = client.get("/")
    today = {label: count for label, count, _url in response.context["today"]}
    assert today["personnes sans contact depuis 30 jours"] == 1  # the followed person
    assert today["orientations reçues en attente de réponse"] == 0
    assert "Aujourd'hui" in response.content.decode()
