"""No dead end for a prescriber: a person page says truly whether the organization
referred the person, and every person page offers « Orienter » to whoever may refer."""

import pytest
from django.urls import reverse

from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db


def test_a_record_just_created_is_not_said_to_be_referred_and_offers_to_refer(client, team):
    prescriber = prescriber_with_adviser()
    person = person_of(prescriber)
    client.force_login(prescriber.adviser)
    body = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Aucune orientation envoyée pour l'instant" in body
    assert "a orienté cette personne" not in body
    refer = reverse("referral_create", args=[person.pk])
    assert f'href="{refer}"' in body

    referral = send(prescriber, person, team.organization)
    body = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Votre organisation a orienté cette personne" in body
    assert reverse("referral_detail", args=[referral.pk]) in body
    assert "Aucune orientation envoyée" not in body


@pytest.mark.parametrize("page", ["person_detail", "person_pathways", "person_timeline"])
def test_every_person_page_offers_to_refer_to_whoever_may(client, team, followed, page):
    url = reverse(page, args=[followed.person.pk])
    refer = f'href="{reverse("referral_create", args=[followed.person.pk])}"'
    for user in (team.colleague, followed.prescriber_user):
        client.force_login(user)
        assert refer in client.get(url).content.decode(), (page, user)


def test_an_organization_that_may_not_refer_is_not_offered_to(client, team, followed):
    from organizations.enums import OrganizationKind
    from organizations.middleware import SESSION_KEY
    from tests.factories.organizations import MembershipFactory, OrganizationFactory

    coordinator = OrganizationFactory(kind=OrganizationKind.COORDINATOR)
    MembershipFactory(organization=coordinator, user=team.colleague)
    # The colleague acts for the coordinator: it follows no one and refers no one.
    client.force_login(team.colleague)
    session = client.session
    session[SESSION_KEY] = coordinator.pk
    session.save()
    response = client.get(reverse("person_detail", args=[followed.person.pk]))
    assert response.status_code == 200  # the colleague's person, seen through their seat
    assert reverse("referral_create", args=[followed.person.pk]) not in response.content.decode()
