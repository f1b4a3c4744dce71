import factory

from pathways.enums import EntryChannel, PathwayKind
from pathways.models import Pathway
from tests.factories.organizations import OrganizationFactory
from tests.factories.persons import PersonFactory


class PathwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pathway

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    kind = PathwayKind.IAE
    entry_channel = EntryChannel.WALK_IN
