import factory

from pathways.enums import EntryChannel, PathwayKind, TeamRole
from pathways.models import Pathway, TeamMember
from tests.factories.access import KeepsAccessTrue
from tests.factories.organizations import OrganizationFactory
from tests.factories.persons import PersonFactory


class PathwayFactory(KeepsAccessTrue):
    class Meta:
        model = Pathway

    @staticmethod
    def person_id_of(instance) -> int:
        return instance.person_id

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    kind = PathwayKind.IAE
    entry_channel = EntryChannel.WALK_IN


class TeamMemberFactory(KeepsAccessTrue):
    """A seat written straight to the table, bypassing `team_member_add`: what rows from
    before the team wall look like (an employer's seat, say)."""

    class Meta:
        model = TeamMember

    @staticmethod
    def person_id_of(instance) -> int:
        return instance.pathway.person_id

    pathway = factory.SubFactory(PathwayFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    organization = factory.SubFactory(OrganizationFactory)
    role = TeamRole.OTHER
