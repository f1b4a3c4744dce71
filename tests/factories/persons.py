import datetime

import factory

from persons.duplicates import search_name_of
from persons.models import Person
from tests.factories.access import KeepsAccessTrue


class PersonFactory(KeepsAccessTrue):
    class Meta:
        model = Person

    @staticmethod
    def person_id_of(instance) -> int:
        return instance.pk

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    birth_date = factory.Sequence(lambda n: datetime.date(1970, 1, 1) + datetime.timedelta(days=n))
    search_name = factory.LazyAttribute(lambda p: search_name_of(p.first_name, p.last_name))
