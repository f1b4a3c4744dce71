"""The managed offers list filters by a company typed with suggestions: the companies of
the structure's own offers only, by « Nom (SIRET) », a SIRET, a name or (old links) an
id; what matches nothing is refused in French and kept in the field; the export of the
list takes the same filter."""

import pytest
from django.urls import reverse

from offers.forms import company_label
from tests.exports.helpers import read_csv
from tests.offers.helpers import company, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(team):
    garage = company("Garage du Lac")
    bakery = company("Boulangerie des Tests")
    for employer in (garage, garage, bakery):
        offer(team.organization, team.colleague, employer=employer)
    return garage, bakery


def _listed(response) -> set[str]:
    return {o.company.name for o in response.context["page"]}


@pytest.mark.parametrize(
    "typed", [lambda c: company_label(c), lambda c: c.siret, lambda c: "garage du", str]
)
def test_the_list_filters_by_the_company_typed(client, team, offers, typed):
    garage, _ = offers
    value = typed(garage.pk) if typed is str else typed(garage)
    client.force_login(team.colleague)
    response = client.get(reverse("offer_list"), {"entreprise": value})
    assert response.status_code == 200
    assert _listed(response) == {"Garage du Lac"}
    assert response.context["page"].paginator.count == 2


def test_a_company_none_of_the_offers_is_at_is_refused_and_kept(client, team, offers):
    elsewhere = company("Menuiserie Ailleurs")
    client.force_login(team.colleague)
    for typed in ("Pâtisserie inconnue", company_label(elsewhere), str(elsewhere.pk)):
        response = client.get(reverse("offer_list"), {"entreprise": typed})
        assert response.status_code == 400
        body = response.content.decode()
        assert "Aucune de vos offres n&#x27;est chez une entreprise correspondant" in body
        assert f'value="{typed}"' in body.replace("&#x27;", "'")
        assert list(response.context["page"]) == []


def test_suggestions_are_the_companies_of_the_users_offers_only(client, team, offers):
    company("Garage Étranger")
    url = reverse("offer_list_company_options")
    client.force_login(team.colleague)
    body = client.get(url, {"entreprise": "gara"}).content.decode()
    assert "Garage du Lac" in body and "Garage Étranger" not in body
    client.force_login(team.stranger)
    assert "Garage" not in client.get(url, {"entreprise": "gara"}).content.decode()


def test_the_export_takes_the_same_filter(client, team, offers):
    garage, _ = offers
    client.force_login(team.colleague)
    response = client.get(
        reverse("export_list", args=["offres", "csv"]) + "?entreprise=" + garage.siret
    )
    assert response.status_code == 200
    header, *rows = read_csv(response)
    assert [row[header.index("Employeur")] for row in rows] == ["Garage du Lac"] * 2
