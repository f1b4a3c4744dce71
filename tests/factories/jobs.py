import factory

from jobs.models import Appellation, RomeFamily
from lib.text import normalize


class RomeFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RomeFamily
        django_get_or_create = ("code",)

    code = "K1304"
    name = "Services domestiques"


class AppellationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appellation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{900000 + n}")
    name = factory.Sequence(lambda n: f"Métier {n}")
    search_name = factory.LazyAttribute(lambda a: normalize(a.name))
    rome = factory.SubFactory(RomeFamilyFactory)
