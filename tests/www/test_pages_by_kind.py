"""Pages that belong to some kinds of organization only answer 403 to the others,
rather than an empty page that leads nowhere (« Mes actions », the services' inbox)."""

import pytest
from django.urls import reverse

from organizations.enums import OrganizationKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

PAGES = ("my_actions", "service_referral_inbox")


@pytest.mark.parametrize("kind", [OrganizationKind.COMPANY, OrganizationKind.EMPLOYER_GROUP])
def test_an_employer_has_no_actions_to_carry_nor_services_to_answer_for(client, kind):
    client.force_login(MembershipFactory(organization=OrganizationFactory(kind=kind)).user)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 403, name


def test_a_partner_service_has_both(client):
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    client.force_login(MembershipFactory(organization=partner).user)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name
