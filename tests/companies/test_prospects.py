"""« Entreprises à contacter »: employer groups and temporary-work agencies (NAF 78.xx)
are matched through their member companies or their offers, never their own sector, and
each suggestion says why in French."""

from datetime import date, timedelta

from companies import selectors
from companies.models import GroupMembership
from companies.selectors import Candidate, Hiring, Wanted, rank_companies
from jobs.models import SectorHiring
from offers.enums import OfferState
from persons.services import wish_add
from tests.companies.helpers import a_company
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory
from tests.factories.territories import CommuneFactory, EPCIFactory
from tests.offers.helpers import offer

DOMESTIC = Wanted("K1304", "Services domestiques", 2)
# The sector of employer groups (78.30Z) hires a lot for household jobs, in the national
# figures: those are the hires of every group's members, not a reason to call this one.
HIRINGS = [
    Hiring("K1304", "7830Z", "Autre mise à disposition de ressources humaines", 9000),
    Hiring("K1304", "8810A", "Aide à domicile", 5000),
]


def test_an_employer_group_is_not_suggested_through_its_own_sector_code():
    ranked = rank_companies([DOMESTIC], HIRINGS, [(1, "78.30Z"), (2, "78.20Z")])
    assert ranked == []


def test_an_employer_group_is_suggested_through_its_member_companies_with_the_reason():
    group = Candidate(
        id=1,
        naf="78.30Z",
        employer_group=True,
        members=(("Aide Anjou", "88.10A"), ("Soins Loire", "88.10A"), ("Garage", "45.20A")),
    )
    [suggestion] = rank_companies([DOMESTIC], HIRINGS, [group])
    [reason] = suggestion.reasons
    assert reason.naf == "8810A" and reason.score == 2 * 5000
    assert "ses entreprises adhérentes recrutent en 88.10A Aide à domicile" in reason.text
    assert "(Aide Anjou, Soins Loire)" in reason.text
    assert "78.30Z" not in reason.text


def test_a_temporary_work_agency_is_suggested_through_its_offers_only():
    agency = Candidate(id=1, naf="78.20Z", offers=(("K1304", "Employé / Employée de ménage"),))
    unrelated = Candidate(id=2, naf="78.20Z", offers=(("N1103", "Cariste"),))
    [suggestion] = rank_companies([DOMESTIC], HIRINGS, [agency, unrelated])
    assert suggestion.company_id == 1
    assert suggestion.reasons[0].text.endswith(
        "l'entreprise a publié une offre d'employé / employée de ménage"
    )


def test_an_offer_is_a_reason_for_any_company_and_outweighs_a_sector():
    bakery = Candidate(id=1, naf="10.71C", offers=(("K1304", "Agent / Agente d'entretien"),))
    home_care = Candidate(id=2, naf="88.10A")
    ranked = rank_companies([DOMESTIC], HIRINGS, [home_care, bakery])
    assert [s.company_id for s in ranked] == [1, 2]
    assert "a publié une offre d'agent / agente d'entretien" in ranked[0].reasons[0].text
    assert "ce secteur (88.10A Aide à domicile) a embauché 5\u202f000 personnes" in (
        ranked[1].reasons[0].text
    )


def _territory(team):
    epci = EPCIFactory()
    team.organization.served_epcis.add(epci)
    return CommuneFactory(epci=epci)


def test_the_territory_suggestions_go_through_the_groups_active_members(team, followed):
    here = _territory(team)
    rome = RomeFamilyFactory(code="K1304", name="Services domestiques")
    SectorHiring.objects.create(rome=rome, naf_code="7830Z", naf_label="GE", hirings=9000)
    SectorHiring.objects.create(
        rome=rome, naf_code="8810A", naf_label="Aide à domicile", hirings=50
    )
    wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(rome=rome, name="Employé / Employée de ménage"),
    )
    elsewhere = CommuneFactory(epci=EPCIFactory(code="200067171", name="CC Aubrac"))
    group = a_company("GE Services", commune=here, naf_code="78.30Z", is_employer_group=True)
    lone_group = a_company("GE Vide", commune=here, naf_code="78.30Z", is_employer_group=True)
    member = a_company("Aide Anjou", commune=elsewhere, naf_code="88.10A")
    future = a_company("Aide à venir", commune=elsewhere, naf_code="88.10A")
    GroupMembership.objects.create(group=group, member=member, since=date.today())
    GroupMembership.objects.create(
        group=lone_group, member=future, since=date.today() + timedelta(days=30)
    )
    pool = selectors.pool_of(team.colleague, team.organization)
    found = selectors.companies_to_approach(team.colleague, team.organization, pool)
    [suggestion] = found
    assert suggestion.company == group
    assert "ses entreprises adhérentes recrutent en 88.10A Aide à domicile (Aide Anjou)" in (
        suggestion.reasons[0].text
    )


def test_the_territory_suggestions_include_who_published_an_offer_for_a_wished_job(team, followed):
    here = _territory(team)
    rome = RomeFamilyFactory(code="N1103", name="Magasinage et préparation de commandes")
    job = AppellationFactory(rome=rome, name="Agent / Agente de quai")
    wish_add(actor=team.colleague, person=followed.person, appellation=job)
    agency = a_company("Intérim Loire", commune=here, naf_code="78.20Z")
    closed = a_company("Intérim fermé", commune=here, naf_code="78.20Z")
    offer(
        team.organization,
        team.colleague,
        employer=agency,
        appellation=job,
        state=OfferState.PUBLISHED,
    )
    offer(team.organization, team.colleague, employer=closed, appellation=job)  # a draft
    pool = selectors.pool_of(team.colleague, team.organization)
    [suggestion] = selectors.companies_to_approach(team.colleague, team.organization, pool)
    assert suggestion.company == agency
    assert suggestion.reasons[0].text.endswith("a publié une offre d'agent / agente de quai")
