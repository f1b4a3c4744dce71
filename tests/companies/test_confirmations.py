"""Removing a contact, leaving the club, removing a tag and removing a member of an
employer group cannot be undone: a GET, or a POST without the confirmation, shows what
will happen and changes nothing."""

import html
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from companies.models import ClubMembership, CompanyTag, Contact
from companies.services import club_join, group_member_add, tag_add
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


# --- a member of an employer group without an account, removed from its page ----------


@pytest.fixture
def group_member(team):
    group = a_company("GE Sans Compte", is_employer_group=True)
    member = a_company("Maraîcher d'Adhésion")
    membership = group_member_add(
        group=group, member=member, since=date(2024, 1, 1), actor=team.colleague
    )
    return group, membership


def test_removing_a_group_member_asks_first_with_the_leave_date(client, team, group_member):
    group, membership = group_member
    client.force_login(team.colleague)
    path = reverse("company_member_remove", args=[group.pk, membership.pk])
    detail = client.get(reverse("company_detail", args=[group.pk])).content.decode()
    assert f'href="{path}"' in detail  # the button leads to the confirmation page
    assert f'action="{path}"' not in detail
    for response in (client.get(path), client.post(path), client.post(path, {"left_on": ""})):
        page = html.unescape(response.content.decode())
        assert response.status_code == 200
        assert "Retirer « Maraîcher d'Adhésion » du groupement GE Sans Compte ?" in page
        assert "ne voit plus les offres de Maraîcher d'Adhésion" in page
        assert 'name="left_on"' in page and "Date de sortie" in page
        assert 'name="confirmation" value="oui"' in page
    membership.refresh_from_db()
    assert membership.left_on is None


def test_the_confirmed_removal_records_the_leave_on_the_date_given(client, team, group_member):
    group, membership = group_member
    client.force_login(team.colleague)
    path = reverse("company_member_remove", args=[group.pk, membership.pk])
    left_on = timezone.localdate() - timedelta(days=3)
    response = client.post(path, {"confirmation": "oui", "left_on": left_on.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == reverse("company_detail", args=[group.pk])
    membership.refresh_from_db()
    assert membership.left_on == left_on
    audit = AuditEntry.objects.for_object(membership).filter(action=Action.UPDATE).get()
    assert audit.actor == team.colleague
    assert audit.changes["left_on"][1] == left_on.isoformat()
    # Gone from the group's members: the page offers no second removal.
    assert client.get(path).status_code == 404


def test_the_removal_without_a_date_is_today_and_a_wrong_date_is_asked_again(
    client, team, group_member
):
    group, membership = group_member
    client.force_login(team.colleague)
    path = reverse("company_member_remove", args=[group.pk, membership.pk])
    response = client.post(path, {"confirmation": "oui", "left_on": "2023-06-01"})
    assert response.status_code == 400
    assert "ne peut pas précéder la date d'adhésion" in html.unescape(response.content.decode())
    membership.refresh_from_db()
    assert membership.left_on is None
    assert client.post(path, {"confirmation": "oui"}).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
