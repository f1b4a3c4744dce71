from datetime import date, timedelta

from companies import selectors, services
from companies.selectors import Hiring, Wanted, rank_companies
from jobs.models import SectorHiring
from persons.services import wish_add
from tests.companies.helpers import a_call, a_company
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory
from tests.factories.territories import CommuneFactory, EPCIFactory


def test_it_ranks_companies_by_hirings_times_people_wanting_the_job():
    wanted = [Wanted("N1103", "Magasinage", 6), Wanted("K1304", "Services domestiques", 1)]
    hirings = [
        Hiring("N1103", "5210B", "Entreposage", 1234),
        Hiring("K1304", "8810A", "Aide à domicile", 5000),
        Hiring("A1101", "5210B", "Entreposage", 99999),  # nobody wants it
    ]
    ranked = rank_companies(wanted, hirings, [(1, "88.10A"), (2, "52.10B"), (3, "10.71C")])
    assert [s.company_id for s in ranked] == [2, 1]
    assert ranked[0].score == 6 * 1234
    assert ranked[0].reasons[0].text == (
        "6 personnes de votre vivier souhaitent un métier « Magasinage » (N1103) ; ce secteur "
        "(52.10B Entreposage) a embauché 1\u202f234 personnes pour ces métiers"
    )


def test_it_suggests_companies_of_the_territory_for_the_pool(team, followed):
    epci = EPCIFactory()
    team.organization.served_epcis.add(epci)
    here = CommuneFactory(epci=epci)
    elsewhere = CommuneFactory(epci=EPCIFactory(code="200067171", name="CC Aubrac"))
    rome = RomeFamilyFactory(code="N1103", name="Magasinage et préparation de commandes")
    SectorHiring.objects.create(rome=rome, naf_code="5210B", naf_label="Entreposage", hirings=50)
    wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(rome=rome, name="Cariste"),
    )
    warehouse = a_company("Entrepôt proche", commune=here, naf_code="52.10B")
    a_company("Entrepôt lointain", commune=elsewhere, naf_code="52.10B")
    a_company("Boulangerie proche", commune=here, naf_code="10.71C")
    pool = selectors.pool_of(team.colleague, team.organization)
    [suggestion] = selectors.companies_to_approach(team.colleague, team.organization, pool)
    assert suggestion.company == warehouse
    assert "1 personne de votre vivier souhaite" in suggestion.reasons[0].text


def test_next_steps_come_overdue_first_and_mine_or_the_organization(team):
    company = a_company()
    today = date.today()
    later = a_call(
        team.organization,
        company,
        team.colleague,
        next_step="B",
        next_step_due=today + timedelta(5),
    )
    late = a_call(
        team.organization,
        company,
        team.admin,
        occurred_on=today - timedelta(9),
        next_step="A",
        next_step_due=today - timedelta(2),
    )
    a_call(team.other, company, team.stranger, next_step="C", next_step_due=today)
    assert list(selectors.next_steps(team.colleague, team.organization)) == [late, later]
    assert list(selectors.next_steps(team.colleague, team.organization, mine=True)) == [later]
    assert late.is_overdue and not later.is_overdue


def test_the_search_ignores_accents_and_filters_on_the_organizations_relations(team):
    bakery = a_company("Boulangerie Hélène", naf_code="10.71C")
    a_company("Garage Martin", naf_code="45.20A")
    organization = team.organization
    services.club_join(organization=organization, company=bakery, engagement="active")
    services.tag_add(organization=organization, company=bakery, label="vente")

    def names(**filters):
        found = selectors.company_search(team.colleague, organization, **filters)
        return [c.name for c in found]

    assert names(q="helene") == ["Boulangerie Hélène"]
    assert names(q=bakery.siret[:9]) == ["Boulangerie Hélène"]
    assert names(division="45") == ["Garage Martin"]
    assert names(club_only=True) == ["Boulangerie Hélène"]
    assert names(tag="vente") == ["Boulangerie Hélène"]
    assert names(due_only=True) == []
    [found] = selectors.company_search(team.colleague, organization, q="helene")
    assert found.club_engagement == "Partenaire actif"
    assert [t.label for t in found.org_tags] == ["vente"]
