"""The exports of the employer-facing lists (offers, introductions), of the company
relations (companies, club, contact log) and of immersions; what an employer's export
never holds."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from companies.services import club_join
from immersions.services import immersion_create
from offers import services as offers
from offers.enums import OfferState
from tests.companies.helpers import a_call, a_company, a_contact
from tests.exports.helpers import read_csv, read_xlsx
from tests.offers.helpers import employer_account, offer

pytestmark = pytest.mark.django_db

# What an employer must never receive about a person.
FORBIDDEN_HEADERS = ("frein", "santé", "handicap", "courriel", "téléphone", "adresse", "note")


def _csv(client, name, query=""):
    response = client.get(reverse("export_list", args=[name, "csv"]) + query)
    assert response.status_code == 200, response
    return read_csv(response)


@pytest.fixture
def introduced(team, followed):
    employer, employer_user, employer_company = employer_account()
    made = offer(
        team.organization, team.colleague, employer=employer_company, state=OfferState.PUBLISHED
    )
    introduction = offers.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    return employer, employer_user, made, introduction


def test_an_employers_exports_hold_no_contact_barrier_or_health_column(
    client, team, followed, introduced
):
    employer, employer_user, made, _ = introduced
    followed.person.phone = "06 12 34 56 78"
    followed.person.save()
    client.force_login(employer_user)
    for name in ("offres", "mises-en-relation"):
        rows = _csv(client, name)
        headers = " ".join(rows[0]).lower()
        assert not [word for word in FORBIDDEN_HEADERS if word in headers], name
        body = repr(rows)
        assert "sandrine@exemple.fr" not in body and "06 12 34 56 78" not in body
    introductions = _csv(client, "mises-en-relation")
    assert [row[0] for row in introductions[1:]] == ["Quintaval"]
    assert _csv(client, "offres")[1][0] == made.title
    for name in ("personnes", "parcours", "orientations-recues", "immersions", "echanges"):
        assert client.get(reverse("export_list", args=[name, "csv"])).status_code == 403, name


def test_the_structure_exports_its_introductions_and_filters_them(client, team, introduced):
    client.force_login(team.colleague)
    assert len(_csv(client, "mises-en-relation")) == 2
    assert len(_csv(client, "mises-en-relation", "?etat=hired")) == 1
    response = client.get(
        reverse("export_list", args=["mises-en-relation", "csv"]) + "?du=2030-01-02&au=2030-01-01"
    )
    assert response.status_code == 400
    assert "date de début" in response.content.decode()


def test_the_offer_export_matches_the_offer_list(client, team):
    offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    offer(team.organization, team.colleague)
    client.force_login(team.colleague)
    for query in ("", "?etat=published", "?etat=draft"):
        page = client.get(reverse("offer_list") + query).context["page"]
        assert len(_csv(client, "offres", query)) - 1 == page.paginator.count


def test_companies_club_and_contact_log_are_exported_for_the_organization(client, team):
    bakery = a_company("Boulangerie Arnaud")
    garage = a_company("Garage Bastien")
    club_join(organization=team.organization, company=bakery, engagement="active")
    contact = a_contact(team.organization, bakery)
    a_call(team.organization, bakery, team.colleague, contact=contact, next_step="Rappeler")
    a_call(team.organization, garage, team.colleague, summary="Pas de besoin")
    client.force_login(team.colleague)
    for query in ("", "?club=on", "?q=garage"):
        page = client.get(reverse("company_list") + query).context["page"]
        assert len(_csv(client, "entreprises", query)) - 1 == page.paginator.count
    club = _csv(client, "club")
    assert [row[0] for row in club[1:]] == ["Boulangerie Arnaud"]
    log = _csv(client, "echanges")
    assert sorted(row[1] for row in log[1:]) == ["Boulangerie Arnaud", "Garage Bastien"]
    assert len(_csv(client, "echanges", f"?entreprise={garage.pk}")) == 2
    client.force_login(team.stranger)
    assert _csv(client, "club")[1:] == [] and _csv(client, "echanges")[1:] == []


def test_immersions_are_exported_with_dates_as_dates(client, team, followed):
    company = a_company("Fournil Test")
    immersion_create(
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        data={
            "company": company,
            "start_on": date(2026, 3, 2),
            "end_on": date(2026, 3, 13),
            "objective": "discover",
            "tutor_name": "Marc Tuteur",
        },
    )
    client.force_login(team.colleague)
    rows = read_xlsx(client.get(reverse("export_list", args=["immersions", "xlsx"])).content)
    assert len(rows) == 2
    assert rows[1][:3] == ("Quintaval", "Sandrine", "Fournil Test")
    assert rows[1][rows[0].index("Début")].date() == date(2026, 3, 2)
    later = (date(2026, 3, 13) + timedelta(days=1)).isoformat()
    assert len(_csv(client, "immersions", f"?du={later}")) == 1
    client.force_login(followed.prescriber_user)
    assert client.get(reverse("export_list", args=["immersions", "csv"])).status_code == 403
