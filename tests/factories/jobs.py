import factory

from jobs.models import Appellation, RomeFamily
from lib.stemming import indexed
from lib.text import normalize


class RomeFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RomeFamily
        django_get_or_create = ("code",)

    code = "K1304"
    name = "Services domestiques"
    search_words = factory.LazyAttribute(lambda r: indexed(r.name))


class AppellationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appellation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{900000 + n}")
    name = factory.Sequence(lambda n: f"Métier {n}")
    search_name = factory.LazyAttribute(lambda a: normalize(a.name))
    search_words = factory.LazyAttribute(lambda a: indexed(a.name))
    rome = factory.SubFactory(RomeFamilyFactory)
