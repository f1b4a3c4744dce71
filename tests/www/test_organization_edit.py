from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail

from audit.models import AuditEntry
from organizations.enums import OrganizationKind
from organizations.models import Invitation, Organization
from tests.factories.accounts import UserFactory
from tests.factories.territories import CommuneFactory


def _form(organization, **changes):
    data = {
        "name": organization.name,
        "commune": organization.commune_id,
        "address": "",
        "email": "",
        "phone": "",
        "website": "",
        "description": "",
    }
    data.update(changes)
    return data


def test_an_admin_edits_the_organization(client, team):
    trelaze = CommuneFactory(code="49353", name="Trélazé", post_codes="49800")
    client.force_login(team.admin)
    response = client.post(
        f"/organisations/{team.organization.pk}/modifier/",
        _form(
            team.organization,
            name="Chantier Renommé",
            commune="Trélazé (49353)",
            kind=OrganizationKind.EI,
            siret="73282932000074",
        ),
    )
    assert response.status_code == 302
    team.organization.refresh_from_db()
    assert team.organization.name == "Chantier Renommé"
    assert team.organization.commune == trelaze
    # Kind and SIRET identify the organization: its admin cannot change them.
    assert team.organization.kind == OrganizationKind.ACI
    assert team.organization.siret != "73282932000074"


def test_the_served_territory_is_edited_and_logged(client, team):
    epci = team.organization.commune.epci
    client.force_login(team.admin)
    client.post(
        f"/organisations/{team.organization.pk}/modifier/",
        _form(team.organization, served_epcis=[epci.pk]),
    )
    assert list(team.organization.served_epcis.all()) == [epci]
    entry = AuditEntry.objects.for_object(team.organization).first()
    assert entry.changes == {"served_epcis": [[], [epci.pk]]}
    assert entry.actor == team.admin


def test_an_unknown_commune_is_refused_and_the_input_kept(client, team):
    client.force_login(team.admin)
    response = client.post(
        f"/organisations/{team.organization.pk}/modifier/",
        _form(team.organization, name="Nom saisi", commune="Nullepart-sur-Rien"),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Aucune commune ne correspond" in body
    assert 'value="Nom saisi"' in body
    team.organization.refresh_from_db()
    assert team.organization.name == "Chantier des Tests"


def test_a_member_cannot_edit(client, team):
    client.force_login(team.colleague)
    response = client.post(
        f"/organisations/{team.organization.pk}/modifier/", _form(team.organization, name="X")
    )
    assert response.status_code == 403


def test_a_platform_admin_creates_an_organization_and_invites_its_admin(
    client, team, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True)
    commune = CommuneFactory(code="49007", name="Angers", post_codes="49000|49100")

    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/organisations/nouvelle/",
            {
                "name": "Nouvelle EI",
                "kind": OrganizationKind.EI,
                "siret": "732 829 320 00074",
                "commune": "49007",
                "address": "1 rue",
                "email": "",
                "phone": "",
                "admin_email": "direction@nouvelle.fr",
            },
        )
    assert response.status_code == 302
    organization = Organization.objects.get(name="Nouvelle EI")
    assert organization.siret == "73282932000074" and organization.commune == commune
    assert Invitation.objects.get(organization=organization).email == "direction@nouvelle.fr"
    assert mail.outbox[0].to == ["direction@nouvelle.fr"]


def test_a_duplicate_siret_is_refused_in_french(client, team):
    staff = UserFactory(is_staff=True)

    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    response = client.post(
        "/organisations/nouvelle/",
        {
            "name": "Doublon",
            "kind": OrganizationKind.EI,
            "siret": team.organization.siret,
            "commune": team.organization.commune_id,
            "admin_email": "a@b.fr",
        },
    )
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()
    assert not Organization.objects.filter(name="Doublon").exists()


def test_only_platform_admins_create_organizations(client, team):
    client.force_login(team.admin)
    response = client.get("/organisations/nouvelle/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
