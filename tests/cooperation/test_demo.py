"""The demo's working group, as the demo loads it (reference data of the two demo
departments, as the browser tests load them): the partner service whose account answers
the referrals is one of its member organizations, and its account finds the group."""

from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from cooperation.models import WorkingGroup
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401

GROUP = "Alliance prescripteurs et SIAE du bassin d'Angers (démo)"


def test_the_demo_partner_service_is_a_member_of_the_working_group(client, demo_territory):  # noqa: F811
    eric = User.objects.get(email="eric.garage@demo.parcours.localhost")
    garage = eric.memberships.get().organization
    group = WorkingGroup.objects.get(name=GROUP)
    assert garage in group.organizations.all()
    assert eric in group.members.all()
    assert list(WorkingGroup.objects.visible_to(eric)) == [group]
    client.force_login(eric)
    page = client.get(reverse("group_detail", args=[group.pk]))
    assert page.status_code == 200
    assert escape(garage.name) in page.content.decode()
