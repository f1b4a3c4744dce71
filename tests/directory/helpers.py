"""Structures of the demo territory's communes (real coordinates) for the directory and
referral tests."""

from barriers.models import BarrierTheme
from organizations.enums import OrganizationKind
from tests.barriers.helpers import demo_communes
from tests.factories.jobs import RomeFamilyFactory
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def structure(commune, *, name, kind=OrganizationKind.AI, open_=True, jobs=(), themes=()):
    organization = OrganizationFactory(
        name=name,
        kind=kind,
        commune=commune,
        accepts_referrals=open_,
        referral_note=f"Note de {name}",
        email=f"contact@{name.lower().replace(' ', '-')}.fr",
    )
    organization.referral_jobs.set(jobs)
    organization.referral_themes.set(BarrierTheme.objects.filter(code__in=themes))
    return organization


def territory():
    """Four structures around Trélazé and one in Aveyron; a company (never listed)."""
    communes = demo_communes()
    cleaning = RomeFamilyFactory(code="K2204", name="Nettoyage de locaux")
    green = RomeFamilyFactory(code="A1203", name="Aménagement et entretien des espaces verts")
    structures = {
        "trelaze": structure(
            communes["49353"], name="Trélazé Services", jobs=[cleaning], themes=["mobilite"]
        ),
        "angers": structure(
            communes["49007"],
            name="Jardins de la Maine",
            kind=OrganizationKind.ACI,
            jobs=[green],
            themes=["mobilite", "numerique"],
        ),
        "ponts": structure(
            communes["49246"],
            name="Propreté des Ponts",
            kind=OrganizationKind.EI,
            open_=False,
            jobs=[cleaning],
        ),
        "aubrac": structure(
            communes["12209"], name="Viadène Nature", kind=OrganizationKind.ACI, jobs=[green]
        ),
        "company": structure(
            communes["49353"], name="Boulangerie", kind=OrganizationKind.COMPANY, jobs=[cleaning]
        ),
    }
    return communes, structures


def member_of(organization):
    return MembershipFactory(organization=organization).user
