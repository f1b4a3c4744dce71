"""`bench.bulk`: rows loaded without the ORM take the model's defaults for every column
not given, keep the ids chosen, and leave the next ORM insert a free id."""

from datetime import datetime

import pytest

from bench.bulk import insert, next_id, reset_sequences
from persons.models import Person
from tests.factories.organizations import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_rows_keep_their_ids_and_take_the_defaults_of_the_other_columns():
    organization = OrganizationFactory()
    first = next_id(Person)
    contacted = datetime(2025, 3, 1, 9, 30)  # naive UTC, as Django stores it
    rows = [
        (first + index, "Aïcha", f"Nom{index}", f"nom{index} aicha", organization.pk, contacted)
        for index in range(3)
    ]
    columns = [
        "id",
        "first_name",
        "last_name",
        "search_name",
        "created_by_organization_id",
        "last_contact_at",
    ]

    assert insert(Person, columns, iter(rows)) == 3

    loaded = list(Person.objects.filter(pk__gte=first).order_by("pk"))
    assert [p.pk for p in loaded] == [first, first + 1, first + 2]
    assert loaded[2].last_name == "Nom2"
    assert loaded[0].created_by_organization == organization
    assert loaded[0].last_contact_at.isoformat() == "2025-03-01T09:30:00+00:00"
    assert loaded[0].wanted_contract_types == []
    assert loaded[0].receives_rsa is False
    assert loaded[0].email == ""
    assert loaded[0].merged_into_id is None


def test_the_orm_inserts_after_the_ids_chosen_once_the_sequences_are_reset():
    first = next_id(Person)
    insert(
        Person,
        ["id", "first_name", "last_name", "search_name"],
        [(first + 5, "Bruno", "Martin", "martin bruno")],
    )
    reset_sequences(Person)

    created = Person.objects.create(first_name="Chloé", last_name="Petit", search_name="x")

    assert next_id(Person) == first + 7
    assert created.pk == first + 6


def test_an_unknown_column_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match="no column"):
        insert(Person, ["id", "nickname"], [(1, "Toto")])
    assert not Person.objects.exists()
