"""Removing a contact, leaving the club and removing a tag cannot be undone: a GET, or
a POST without the confirmation, shows what will happen and changes nothing."""

import pytest
from django.urls import reverse

from companies.models import ClubMembership, CompanyTag, Contact
from companies.services import club_join, tag_add
from tests.companies.helpers import a_company, a_contact


@pytest.fixture
def relations(team):
    company = a_company("Scierie Prudente")
    contact = a_contact(team.organization, company)
    club_join(organization=team.organization, company=company, engagement="active")
    tag = tag_add(organization=team.organization, company=company, label="saisonnier")
    return company, contact, tag


def _actions(company, contact, tag):
    return [
        (
            reverse("company_contact_delete", args=[company.pk, contact.pk]),
            Contact,
            "Supprimer le contact",
        ),
        (reverse("company_club_leave", args=[company.pk]), ClubMembership, "Retirer du club"),
        (
            reverse("company_tag_remove", args=[company.pk, tag.pk]),
            CompanyTag,
            "Retirer l'étiquette",
        ),
    ]


def test_each_irreversible_action_asks_first_and_changes_nothing(client, team, relations):
    client.force_login(team.colleague)
    for path, model, button in _actions(*relations):
        for response in (
            client.get(path),
            client.post(path),
            client.post(path, {"confirmation": "non"}),
        ):
            page = response.content.decode().replace("&#x27;", "'")
            assert response.status_code == 200
            assert "Cette action est définitive" in page and button in page
            assert 'name="confirmation" value="oui"' in page
        assert model.objects.count() == 1, path


def test_the_confirmed_post_does_it(client, team, relations):
    client.force_login(team.colleague)
    for path, model, _ in _actions(*relations):
        response = client.post(path, {"confirmation": "oui"})
        assert response.status_code == 302
        assert model.objects.count() == 0, path


def test_the_company_page_leads_to_the_confirmation(client, team, relations):
    company, contact, tag = relations
    client.force_login(team.colleague)
    page = client.get(reverse("company_detail", args=[company.pk])).content.decode()
    for path, _, _ in _actions(company, contact, tag):
        assert f'action="{path}"' in page
