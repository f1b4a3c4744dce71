from datetime import date

import pytest

from persons.models import Person
from tests.factories.territories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_namesakes_are_told_apart_wherever_a_person_is_picked():
    commune = CommuneFactory(name="Trélazé")
    first = Person(first_name="Karim", last_name="Benali", birth_date=date(1990, 3, 3))
    second = Person(first_name="Karim", last_name="Benali", commune=commune)
    nothing_known = Person(first_name="Karim", last_name="Benali")
    assert first.chooser_label == "Karim Benali (né·e le 3 mars 1990)"
    assert second.chooser_label == "Karim Benali (Trélazé)"
    assert nothing_known.chooser_label == "Karim Benali"
