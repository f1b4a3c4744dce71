"""The demo companies load with the demo territory (reference data of the two demo
departments, as the browser tests load them)."""

from accounts.models import User
from companies.models import ClubMembership, Company, ContactLogEntry, GroupMembership
from companies.selectors import companies_to_approach, next_steps, pool_of
from immersions.models import Immersion
from organizations.models import Organization
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401


def test_the_demo_has_a_club_a_group_a_history_and_an_immersion(demo_territory):  # noqa: F811
    assert Company.objects.filter(is_demo=True).count() >= 20
    mission = Organization.objects.get(name="Mission emploi de Trélazé (démo)")
    assert ClubMembership.objects.filter(organization=mission).count() >= 10
    assert ContactLogEntry.objects.filter(organization=mission).count() >= 8
    group = Company.objects.get(organization__name__startswith="GE Agri-Anjou")
    assert GroupMembership.objects.filter(group=group).count() == 4
    sawmill = Company.objects.get(name="Scierie des Monts d'Aubrac (démo)")
    assert sawmill.organization.name == "Scierie des Monts d'Aubrac (démo)"
    assert Immersion.objects.get(outcome="hired").days == 14
    sophie = User.objects.get(email__startswith="sophie.mission@")
    assert next_steps(sophie, mission, mine=True).exists()
    eef = Organization.objects.get(name__startswith="Espace Emploi-Formation Aubrac")
    nadia = User.objects.get(email__startswith="nadia.eef@")
    suggestions = companies_to_approach(nadia, eef, pool_of(nadia, eef))
    assert sawmill in [s.company for s in suggestions]
