"""Objects the barrier and partner service tests share: the demo territory's communes
(real coordinates), a person living there, barriers and services."""

from barriers.models import BarrierItem
from barriers.services import barrier_identify
from organizations.enums import OrganizationKind
from partner_services.services import service_create
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.territories import DepartmentFactory, RegionFactory, commune_at

DEMO_COMMUNES = {
    "49007": ("Angers", 47.4819, -0.5629),
    "49246": ("Les Ponts-de-Cé", 47.4270, -0.5110),
    "49267": ("Saint-Barthélemy-d'Anjou", 47.4741, -0.4826),
    "49307": ("Loire-Authion", 47.4695, -0.3734),
    "49353": ("Trélazé", 47.4522, -0.4780),
    "12096": ("Espalion", 44.5191, 2.7624),
    "12119": ("Laguiole", 44.6936, 2.8679),
    "12164": ("Mur-de-Barrez", 44.8705, 2.6850),
    "12209": ("Saint-Amans-des-Cots", 44.6905, 2.6839),
}


def demo_communes() -> dict:
    aveyron = DepartmentFactory(
        code="12", name="Aveyron", region=RegionFactory(code="76", name="Occitanie")
    )
    communes = {}
    for code, (name, latitude, longitude) in DEMO_COMMUNES.items():
        extra = {"department": aveyron} if code.startswith("12") else {}
        communes[code] = commune_at(code, name, latitude, longitude, **extra)
    return communes


def identify(person, code: str, user, organization, detail: str = ""):
    return barrier_identify(
        person=person,
        item=BarrierItem.objects.get(code=code),
        detail=detail,
        user=user,
        organization=organization,
    )


def partner_with_service(commune, *, name="Garage solidaire", thematiques=None):
    """A partner service organization on Parcours, a member, and one local service."""
    partner = OrganizationFactory(name=f"Association {name}", kind=OrganizationKind.PARTNER_SERVICE)
    member = MembershipFactory(organization=partner).user
    service = service_create(
        organization=partner,
        data={
            "name": name,
            "description": "Un service pour les tests.",
            "thematiques": thematiques or ["mobilite--acceder-a-un-vehicule"],
            "commune": commune,
        },
    )
    return partner, member, service
