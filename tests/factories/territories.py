import factory

from lib.text import normalize
from territories.models import EPCI, Commune, Department, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "52"
    name = "Pays de la Loire"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "49"
    name = "Maine-et-Loire"
    region = factory.SubFactory(RegionFactory)


class EPCIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EPCI
        django_get_or_create = ("code",)

    code = "244900015"
    name = "CU Angers Loire Métropole"
    type = EPCI.Type.CU


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"49{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    search_name = factory.LazyAttribute(lambda c: normalize(c.name))
    department = factory.SubFactory(DepartmentFactory)
    epci = factory.SubFactory(EPCIFactory)
    post_codes = "49000"
    population = 1000
    latitude = 47.47
    longitude = -0.55


def commune_at(code: str, name: str, latitude: float, longitude: float, **fields) -> Commune:
    """A commune at a given place, for the distance tests."""
    return CommuneFactory(code=code, name=name, latitude=latitude, longitude=longitude, **fields)
