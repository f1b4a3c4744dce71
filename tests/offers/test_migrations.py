import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lib.geo import unit_vector
from offers.models import JobOffer
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import far_away, offer

BEFORE_UNIT_VECTORS = [("offers", "0003_board_index_covers_filters")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_places_the_offers_already_written_on_the_unit_sphere():
    organization = OrganizationFactory()
    user = MembershipFactory(organization=organization).user
    here = offer(organization, user)
    there = offer(organization, user, commune=far_away())
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_UNIT_VECTORS)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    for made in (here, there):
        stored = JobOffer.objects.values_list("unit_x", "unit_y", "unit_z").get(pk=made.pk)
        # Computed by the database's own sine and cosine: equal to the last digit or so.
        assert stored == pytest.approx(unit_vector(made.latitude, made.longitude), abs=1e-15)


@pytest.mark.django_db(transaction=True)
def test_offers_of_the_written_families_already_there_keep_asking_for_written_french():
    from tests.factories.jobs import AppellationFactory, RomeFamilyFactory

    organization = OrganizationFactory()
    user = MembershipFactory(organization=organization).user
    secretary = AppellationFactory(rome=RomeFamilyFactory(code="M1607"))
    desk = offer(organization, user, appellation=secretary)
    counter = offer(organization, user)
    executor = MigrationExecutor(connection)
    executor.migrate([("offers", "0004_offer_unit_vector")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    asked = dict(JobOffer.objects.values_list("pk", "written_french_required"))
    assert asked == {desk.pk: True, counter.pk: False}
