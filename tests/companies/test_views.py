from datetime import date, timedelta

import pytest
from django.urls import reverse

from companies import services
from companies.models import Company, ContactLogEntry
from tests.companies.helpers import a_call, a_company, a_contact, siret
from tests.factories.territories import CommuneFactory


@pytest.fixture
def bakery(team):
    company = a_company("Boulangerie du Mail")
    a_contact(team.organization, company, email="martine.secrete@boulangerie.fr")
    a_call(team.organization, company, team.colleague, summary="Compte rendu privé de l'appel")
    return company


def test_a_colleague_lists_searches_and_opens_companies(client, team, bakery):
    client.force_login(team.colleague)
    response = client.get(reverse("company_list"), {"q": "boulangerie"})
    assert response.status_code == 200
    assert "Boulangerie du Mail" in response.content.decode()
    page = client.get(reverse("company_detail", args=[bakery.pk])).content.decode()
    assert "martine.secrete@boulangerie.fr" in page
    assert "Compte rendu privé de l&#x27;appel" in page


def test_another_organization_sees_the_company_but_not_the_teams_relations(client, team, bakery):
    client.force_login(team.stranger)
    page = client.get(reverse("company_detail", args=[bakery.pk])).content.decode()
    assert "Boulangerie du Mail" in page
    assert "martine.secrete" not in page
    assert "Compte rendu privé" not in page


def test_a_prescriber_has_no_company_pages(client, followed, bakery):
    client.force_login(followed.prescriber_user)
    assert client.get(reverse("company_list")).status_code == 403
    assert client.get(reverse("company_detail", args=[bakery.pk])).status_code == 403


def test_the_list_keeps_a_constant_number_of_queries(client, team, django_assert_max_num_queries):
    commune = CommuneFactory()
    for index in range(30):
        company = a_company(f"Entreprise {index:02d}", commune=commune)
        services.club_join(organization=team.organization, company=company, engagement="active")
        services.tag_add(organization=team.organization, company=company, label="test")
        a_call(
            team.organization,
            company,
            team.colleague,
            next_step="Rappeler",
            next_step_due=date.today(),
        )
    client.force_login(team.colleague)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("company_list"), {"club": "on", "etiquette": "test"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].object_list) == 25


def test_it_creates_a_company_and_points_to_the_existing_one_on_a_duplicate(client, team):
    client.force_login(team.colleague)
    commune = CommuneFactory(name="Trélazé", code="49353")
    number = siret()
    data = {
        "name": "Entrepôts Anjou",
        "siret": number,
        "naf_code": "52.10B",
        "commune": "Trélazé (49353)",
        "size_band": "10-49",
    }
    response = client.post(reverse("company_create"), data)
    company = Company.objects.get()
    assert response.status_code == 302
    assert company.commune == commune
    response = client.post(reverse("company_create"), {**data, "name": "Doublon"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "déjà celui de « Entrepôts Anjou »" in body
    assert reverse("company_detail", args=[company.pk]) in body
    assert 'value="Doublon"' in body
    assert Company.objects.count() == 1


def test_invalid_company_fields_are_explained_and_kept(client, team):
    client.force_login(team.colleague)
    response = client.post(
        reverse("company_create"),
        {"name": "Mauvais SIRET", "siret": "12345678901234", "naf_code": "5210", "commune": ""},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ce SIRET n&#x27;est pas valide" in body
    assert "52.10B" in body
    assert "Indiquez la commune" in body
    assert 'value="Mauvais SIRET"' in body
    assert not Company.objects.exists()


def test_it_logs_a_call_with_a_next_step_and_marks_it_done(client, team, bakery):
    client.force_login(team.colleague)
    url = reverse("company_log_create", args=[bakery.pk])
    due = date.today() + timedelta(days=3)
    response = client.post(
        url,
        {
            "kind": "call",
            "occurred_on": date.today().isoformat(),
            "summary": "",
            "next_step_due": due,
        },
    )
    assert response.status_code == 400
    assert "Notez ce qui s" in response.content.decode()
    response = client.post(
        url,
        {
            "kind": "call",
            "occurred_on": date.today().isoformat(),
            "summary": "Deux postes de vendeuse",
            "next_step": "Envoyer trois profils",
            "next_step_due": due.isoformat(),
        },
    )
    assert response.status_code == 302
    entry = ContactLogEntry.objects.get(next_step="Envoyer trois profils")
    to_contact = client.get(reverse("companies_to_contact")).content.decode()
    assert "Envoyer trois profils" in to_contact
    response = client.post(
        reverse("company_log_done", args=[bakery.pk, entry.pk]), headers={"HX-Request": "true"}
    )
    assert "faite" in response.content.decode()
    entry.refresh_from_db()
    assert entry.next_step_done


def test_the_club_tags_and_contacts_are_managed_from_the_company_page(client, team, bakery):
    client.force_login(team.colleague)
    client.post(reverse("company_club", args=[bakery.pk]), {"engagement": "occasional"})
    client.post(reverse("company_tag_add", args=[bakery.pk]), {"label": "Vente"})
    response = client.post(
        reverse("company_contact_create", args=[bakery.pk]), {"name": "Léa Sanstel", "kind": "hr"}
    )
    assert response.status_code == 400
    assert "au moins un téléphone" in response.content.decode()
    page = client.get(reverse("company_detail", args=[bakery.pk])).content.decode()
    assert "Club : ponctuel" in page
    assert "vente" in page
    assert "Léa Sanstel" not in page


def test_an_employer_group_gets_members_from_its_page(client, team):
    group = a_company("GE Agri Test", is_employer_group=True)
    member = a_company("Serres du Val")
    client.force_login(team.colleague)
    response = client.post(
        reverse("company_member_add", args=[group.pk]), {"member": member.pk, "since": "2024-01-15"}
    )
    assert response.status_code == 302
    page = client.get(reverse("company_detail", args=[group.pk])).content.decode()
    assert "Serres du Val" in page
    assert "15/01/2024" in page
