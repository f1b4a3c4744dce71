"""Offers for the tests: an employer in the register, a job and communes at known places."""

from companies.models import Company
from offers import services
from offers.enums import ContractType, OfferState, SchedulePattern
from organizations.enums import OrganizationKind
from organizations.siret import with_check_digit
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.territories import commune_at

_sirets = iter(range(1, 10_000))


def trelaze():
    return commune_at("49353", "Trélazé", 47.4456, -0.4657)


def angers():
    return commune_at("49007", "Angers", 47.4784, -0.5632)


def far_away():
    return commune_at("12164", "Laguiole", 44.6848, 2.8467)


def bakery_job():
    family = RomeFamilyFactory(code="D1106", name="Vente en alimentation")
    return AppellationFactory(
        code="20560", name="Vendeur / Vendeuse en boulangerie-pâtisserie", rome=family
    )


def company(name="Boulangerie des Tests", commune=None, organization=None) -> Company:
    return Company.objects.create(
        siret=with_check_digit(f"95{next(_sirets):011d}"),
        name=name,
        commune=commune or trelaze(),
        organization=organization,
    )


def employer_account(name="Boulangerie des Tests"):
    """A company with its own Parcours account and one member."""
    organization = OrganizationFactory(name=name, kind=OrganizationKind.COMPANY)
    user = MembershipFactory(organization=organization).user
    return organization, user, company(name=name, organization=organization)


def offer(
    organization,
    user,
    *,
    employer=None,
    commune=None,
    appellation=None,
    state=OfferState.DRAFT,
    **data,
):
    fields = {
        "appellation": appellation or bakery_job(),
        "commune": commune or trelaze(),
        "tasks": "Accueillir la clientèle\nMettre en rayon les pains",
        "schedule_patterns": [SchedulePattern.DAY, SchedulePattern.WEEKEND],
        "hours_per_week": 35,
        "contract_type": ContractType.CDD,
        "duration_months": 6,
        **data,
    }
    made = services.offer_create(
        organization=organization,
        user=user,
        company=employer or company(),
        data=fields,
    )
    if state != OfferState.DRAFT:
        made = services.offer_transition(offer=made, user=user, to_state=OfferState.PUBLISHED)
    if state not in (OfferState.DRAFT, OfferState.PUBLISHED):
        made = services.offer_transition(offer=made, user=user, to_state=state)
    return made
