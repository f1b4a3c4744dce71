"""The requests an offer received from the public board, where each reader finds them: on
the offer's management page and `GET /api/v1/offers/{id}/requests` (a structure its
referrals, the employer the interests left to it through its space's fields), and the
offer named on the referral's page, in the inbox and in the referral's API answer."""

import pytest
from django.urls import reverse

from offers import services
from offers.employer_view import INTEREST_FIELDS
from offers.enums import OfferState
from organizations.enums import OrganizationKind
from organizations.models import Organization
from pathways.enums import EntryChannel
from referrals import services as referral_services
from referrals.enums import Channel
from referrals.forms import InboxFilterForm
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import employer_account, offer

pytestmark = pytest.mark.django_db


def _interest(made, **data):
    fields = {
        "first_name": "Léa",
        "last_name": "Postulante",
        "phone": "06 12 34 56 78",
        "message": "Disponible dès lundi.",
        **data,
    }
    return services.interest_submit(offer=made, **fields)


@pytest.fixture
def employer():
    organization, user, own = employer_account(name="Fournil Martin")
    return organization, user, own


def test_the_offer_page_lists_the_referrals_it_received(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    referral = _interest(made)
    client.force_login(team.colleague)
    body = client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    assert "Demandes reçues sur cette offre" in body
    assert "1 demande reçue" in body
    assert "POSTULANTE Léa" in body and "Candidature sur une offre" in body
    assert reverse("referral_detail", args=[referral.pk]) in body


def test_an_offer_without_requests_says_so(client, team):
    made = offer(team.organization, team.colleague)
    client.force_login(team.colleague)
    body = client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    assert "Aucune demande reçue par le site des offres" in body


def test_the_employer_sees_its_interests_and_never_the_structures_referrals(client, team, employer):
    organization, user, own = employer
    own_offer = offer(organization, user, employer=own, state=OfferState.PUBLISHED)
    _interest(own_offer, last_name="Visiteuse", email="visiteuse@exemple.fr")
    # An offer for the same company held by the team: the request is the team's referral.
    held = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    _interest(held, last_name="Suivie-Par-La-Structure")
    client.force_login(user)
    body = client.get(reverse("offer_detail", args=[own_offer.pk])).content.decode()
    assert "VISITEUSE Léa" in body and "visiteuse@exemple.fr" not in body
    assert reverse("employer_space") in body
    held_page = client.get(reverse("offer_detail", args=[held.pk]))
    assert held_page.status_code == 200
    assert "Suivie-Par-La-Structure" not in held_page.content.decode()
    assert "Aucune demande reçue" in held_page.content.decode()


def test_the_api_gives_a_structure_its_referrals_of_the_offer(client, team, bearer):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    referral = _interest(made)
    response = client.get(f"/api/v1/offers/{made.pk}/requests", headers=bearer(team.colleague))
    assert response.status_code == 200
    found = response.json()
    assert found["interests"] == []
    [item] = found["referrals"]
    assert item["id"] == referral.pk and item["person_id"] == referral.person_id
    assert item["channel"] == "offer" and item["channel_label"] == "Candidature sur une offre"
    assert item["state"] == "sent" and item["to_organization"] == team.organization.name


def test_the_api_gives_the_employer_the_interest_fields_only(client, team, employer, bearer):
    organization, user, own = employer
    own_offer = offer(organization, user, employer=own, state=OfferState.PUBLISHED)
    _interest(own_offer, email="visiteuse@exemple.fr")
    held = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    _interest(held, last_name="Suivie-Par-La-Structure")
    headers = bearer(user)
    found = client.get(f"/api/v1/offers/{own_offer.pk}/requests", headers=headers).json()
    assert found["referrals"] == []
    [interest] = found["interests"]
    assert set(interest) == {"id", *INTEREST_FIELDS}
    assert interest["email"] == "visiteuse@exemple.fr"
    on_held = client.get(f"/api/v1/offers/{held.pk}/requests", headers=headers)
    assert on_held.status_code == 200
    assert on_held.json() == {"referrals": [], "interests": []}


def test_the_api_answers_404_for_an_offer_not_managed(client, team, bearer):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    _interest(made)
    response = client.get(f"/api/v1/offers/{made.pk}/requests", headers=bearer(team.stranger))
    assert response.status_code == 404
    assert "Postulante" not in response.content.decode()


def test_the_referral_page_and_the_inbox_name_the_offer_with_its_management_link(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    referral = _interest(made)
    client.force_login(team.colleague)
    management = reverse("offer_detail", args=[made.pk])
    page = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert "Candidature sur une offre" in page
    assert f'Offre : <a href="{management}">{made.title}</a>' in page
    inbox = client.get(reverse("referral_inbox")).content.decode()
    assert f'<a href="{management}">{made.title}</a>' in inbox
    filtered = client.get(reverse("referral_inbox"), {"canal": "offer"})
    assert filtered.status_code == 200 and made.title in filtered.content.decode()
    assert (
        made.title
        not in client.get(reverse("referral_inbox"), {"canal": "walk_in"}).content.decode()
    )


def test_a_structure_the_request_was_passed_on_to_opens_the_public_page(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    referral = _interest(made)
    other = OrganizationFactory(name="Entreprise d'insertion Voisine", kind=OrganizationKind.EI)
    other_user = MembershipFactory(organization=other).user
    referral_services.referral_redirect(
        referral=referral, user=team.colleague, to_organization=other, comment="Plus proche."
    )
    passed_on = referral.__class__.objects.get(redirected_from=referral)
    assert passed_on.offer == made and passed_on.channel == "offer"
    client.force_login(other_user)
    page = client.get(reverse("referral_detail", args=[passed_on.pk])).content.decode()
    public = reverse("public_offer_detail", args=[made.pk])
    assert f'Offre : <a href="{public}">{made.title}</a>' in page
    assert reverse("offer_detail", args=[made.pk]) not in page


def test_the_referral_api_names_the_offer(client, team, bearer):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    referral = _interest(made)
    found = client.get(f"/api/v1/referrals/{referral.pk}", headers=bearer(team.colleague)).json()
    assert found["offer"] == {"id": made.pk, "title": made.title}
    assert found["channel_label"] == "Candidature sur une offre"


def test_the_channel_has_its_label_in_the_filters_the_pathway_and_the_api_enums(client):
    assert EntryChannel("offer").label == Channel("offer").label == "Candidature sur une offre"
    form = InboxFilterForm(prescribers=Organization.objects.none())
    assert ("offer", "Candidature sur une offre") in form.fields["canal"].choices
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "offer" in schemas["ReferralOut"]["properties"]["channel"]["enum"]
    assert "offer" in schemas["OfferReferralRequestOut"]["properties"]["channel"]["enum"]
