"""How each model says which of its fields hold a followed person's personal data, and
how each is scrubbed when the person's file is anonymised.

A model holding a person's data declares, as class attributes:

- `personal_data_of`: the lookup from the model to `persons.Person` ("person",
  "pathway__person"…; "pk" for Person itself);
- `personal_fields`: {field name: Scrub}, what anonymisation does to each;
- `impersonal_fields`: its other free-text fields, which stay (codes, labels).

`tests/retention/test_declarations.py` walks every model of the project and fails on a
free-text field nobody decided about, so a new model or field must make the decision.
Fields with choices are a closed vocabulary and need no decision."""

from datetime import date
from enum import StrEnum

ANONYMOUS = "Anonyme"


class Scrub(StrEnum):
    BLANK = "blank"  # empty text
    NULL = "null"  # no value (nullable fields, foreign keys)
    ANONYMOUS = "anonymous"  # the fixed label « Anonyme », where something is displayed
    YEAR = "year"  # a date cut down to 1 January of its year: ages stay countable
    FILE = "file"  # the stored file deleted, the field emptied


def constant_value(scrub: Scrub):
    """The value every row gets, or None when it depends on the row (YEAR, FILE)."""
    return {Scrub.BLANK: "", Scrub.NULL: None, Scrub.ANONYMOUS: ANONYMOUS}.get(scrub)


def year_only(value: date | None) -> date | None:
    return None if value is None else date(value.year, 1, 1)


def personal_models() -> list:
    """The models that declare a followed person's data, Person first."""
    from django.apps import apps

    found = [m for m in apps.get_models() if getattr(m, "personal_data_of", None)]
    return sorted(found, key=lambda m: (m.personal_data_of != "pk", m._meta.label))
