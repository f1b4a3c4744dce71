"""A prescriber organization with an adviser and a person, and referrals sent from it:
the common ground of the referral tests."""

from types import SimpleNamespace

from organizations.enums import OrganizationKind
from persons.services import person_create
from referrals import services
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def prescriber_with_adviser(name: str = "France Travail Angers") -> SimpleNamespace:
    organization = OrganizationFactory(name=name, kind=OrganizationKind.FRANCE_TRAVAIL)
    adviser = MembershipFactory(organization=organization).user
    return SimpleNamespace(organization=organization, adviser=adviser)


def person_of(prescriber, first_name="Sandrine", last_name="Lefort", **data):
    return person_create(
        organization=prescriber.organization,
        user=prescriber.adviser,
        data={"first_name": first_name, "last_name": last_name, **data},
    )


def send(prescriber, person, to_organization, motivation="Projet dans le nettoyage.", **extra):
    return services.referral_create(
        person=person,
        to_organization=to_organization,
        motivation=motivation,
        from_organization=prescriber.organization,
        from_user=prescriber.adviser,
        **extra,
    )
