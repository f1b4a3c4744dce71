from django.core import mail

from audit.models import AuditEntry
from organizations.enums import Role
from organizations.models import Invitation, Membership


def test_it_shows_members_and_activity_to_a_colleague(client, team):
    client.force_login(team.colleague)
    response = client.get(f"/organisations/{team.organization.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert team.admin.email in body and team.colleague.email in body
    assert "Inviter un membre" not in body  # members do not manage
    assert "Dernières modifications" in body


def test_it_hides_the_organization_from_a_stranger(client, team):
    client.force_login(team.stranger)
    assert client.get(f"/organisations/{team.organization.pk}/").status_code == 404


def test_an_admin_invites_and_the_invitee_joins(client, team, django_capture_on_commit_callbacks):
    client.force_login(team.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisations/{team.organization.pk}/invitations/",
            {"email": "recrue@exemple.fr", "role": Role.MEMBER},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invitation/" in line)
    path = link[link.index("/invitation/") :]
    client.logout()

    assert client.get(path).status_code == 200
    weak = client.post(
        path,
        {"first_name": "Rémi", "last_name": "Recrue", "password1": "court", "password2": "court"},
    )
    assert weak.status_code == 200
    assert "Rémi" in weak.content.decode()  # what was typed is kept
    assert not Membership.objects.filter(user__email="recrue@exemple.fr").exists()

    response = client.post(
        path,
        {
            "first_name": "Rémi",
            "last_name": "Recrue",
            "password1": "Bienvenue-Remi-2026",
            "password2": "Bienvenue-Remi-2026",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="recrue@exemple.fr")
    assert membership.organization == team.organization
    assert client.get("/").status_code == 200
    assert client.get(path).status_code == 404  # a link works once


def test_a_member_cannot_invite(client, team):
    client.force_login(team.colleague)
    response = client.post(
        f"/organisations/{team.organization.pk}/invitations/",
        {"email": "x@exemple.fr", "role": Role.ADMIN},
    )
    assert response.status_code == 403
    assert not Invitation.objects.filter(email="x@exemple.fr").exists()


def test_an_invalid_invitation_keeps_what_was_typed(client, team):
    client.force_login(team.admin)
    response = client.post(
        f"/organisations/{team.organization.pk}/invitations/",
        {"email": "pas-une-adresse", "role": Role.MEMBER},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Saisissez une adresse électronique valide" in body
    assert 'value="pas-une-adresse"' in body


def test_an_admin_changes_a_role_and_removes_a_member(client, team):
    client.force_login(team.admin)
    membership = Membership.objects.get(user=team.colleague)
    base = f"/organisations/{team.organization.pk}/membres/{membership.pk}"
    client.post(f"{base}/role/", {"role": Role.ADMIN})
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    entry = AuditEntry.objects.for_object(membership).first()
    assert entry.changes == {"role": ["member", "admin"]} and entry.actor == team.admin

    client.post(f"{base}/retirer/", {"confirmation": "oui"})
    membership.refresh_from_db()
    assert membership.is_active is False


def test_the_last_admin_cannot_be_removed(client, team):
    client.force_login(team.admin)
    membership = Membership.objects.get(user=team.admin)
    response = client.post(
        f"/organisations/{team.organization.pk}/membres/{membership.pk}/retirer/",
        {"confirmation": "oui"},
        follow=True,
    )
    assert "dernier administrateur" in response.content.decode()
    membership.refresh_from_db()
    assert membership.is_active


def test_the_activity_page_paginates_and_filters(client, team):
    client.force_login(team.colleague)
    response = client.get(f"/organisations/{team.organization.pk}/journal/?action=create")
    assert response.status_code == 200
    assert (
        response.context["page"].paginator.count
        == AuditEntry.objects.filter(organization=team.organization, action="create").count()
    )
