import factory

from organizations.enums import OrganizationKind, Role
from organizations.models import Membership, Organization
from organizations.siret import with_check_digit
from tests.factories.accounts import UserFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Structure {n}")
    kind = OrganizationKind.ACI
    siret = factory.Sequence(lambda n: with_check_digit(f"{800000000 + n:09d}0001"))
    commune = factory.SubFactory("tests.factories.territories.CommuneFactory")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.MEMBER
