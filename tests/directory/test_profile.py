from audit.models import AuditEntry
from barriers.models import BarrierTheme
from organizations.models import Organization
from tests.factories.jobs import RomeFamilyFactory

URL = "/organisations/{}/orientations/"


def _post(client, team, **data):
    payload = {
        "accepts_referrals": "on",
        "referral_note": "Nous recevons le mardi matin.",
        "capacity_note": "3 places en mars",
        "jobs": "K2204",
        "themes": [BarrierTheme.objects.get(code="mobilite").pk],
    }
    payload.update(data)
    return client.post(URL.format(team.organization.pk), payload)


def test_it_lets_an_admin_publish_the_profile_and_records_it(client, team):
    cleaning = RomeFamilyFactory(code="K2204", name="Nettoyage de locaux")
    client.force_login(team.admin)
    assert client.get(URL.format(team.organization.pk)).status_code == 200
    response = _post(client, team)
    assert response.status_code == 302
    organization = Organization.objects.get(pk=team.organization.pk)
    assert organization.accepts_referrals
    assert organization.capacity_note == "3 places en mars"
    assert list(organization.referral_jobs.all()) == [cleaning]
    assert [t.code for t in organization.referral_themes.all()] == ["mobilite"]
    changed = AuditEntry.objects.filter(organization=team.organization).values_list(
        "changes", flat=True
    )
    assert any("referral_jobs" in c for c in changed)
    assert any("accepts_referrals" in c for c in changed)


def test_an_unknown_job_is_refused_and_nothing_changes(client, team):
    client.force_login(team.admin)
    response = _post(client, team, jobs="K2204, Zzzyx")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Métier introuvable ou ambigu" in body and "Zzzyx" in body
    assert "Nous recevons le mardi matin." in body  # what was typed is kept
    assert not Organization.objects.get(pk=team.organization.pk).accepts_referrals


def test_only_admins_edit_the_profile_and_strangers_see_nothing(client, team):
    client.force_login(team.colleague)
    assert client.get(URL.format(team.organization.pk)).status_code == 403
    assert _post(client, team).status_code == 403
    client.force_login(team.stranger)
    assert client.get(URL.format(team.organization.pk)).status_code == 404
    assert not Organization.objects.get(pk=team.organization.pk).accepts_referrals


def test_the_organization_page_links_admins_to_the_profile(client, team):
    client.force_login(team.admin)
    body = client.get(f"/organisations/{team.organization.pk}/").content.decode()
    assert URL.format(team.organization.pk) in body
