import factory

from pathways.enums import EntryChannel, PathwayKind, TeamRole
from pathways.models import Pathway, TeamMember
from tests.factories.organizations import OrganizationFactory
from tests.factories.persons import PersonFactory


class PathwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pathway

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    kind = PathwayKind.IAE
    entry_channel = EntryChannel.WALK_IN


class TeamMemberFactory(factory.django.DjangoModelFactory):
    """A seat written straight to the table, bypassing `team_member_add`: what rows from
    before the team wall look like (an employer's seat, say)."""

    class Meta:
        model = TeamMember

    pathway = factory.SubFactory(PathwayFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    organization = factory.SubFactory(OrganizationFactory)
    role = TeamRole.OTHER
