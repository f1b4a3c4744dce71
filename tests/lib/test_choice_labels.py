"""`get_<field>_display()` from the table built once: the same label as Django's."""

import pytest
from django.db import models

from pathways.models import Pathway
from referrals.models import Referral


@pytest.mark.parametrize(
    ("model", "field_name"),
    [(Pathway, "state"), (Pathway, "kind"), (Pathway, "entry_channel"), (Referral, "state")],
)
def test_every_choice_reads_as_with_django(model, field_name):
    field = model._meta.get_field(field_name)
    for value in [*(choice for choice, _ in field.flatchoices), "valeur-inconnue", None]:
        instance = model(**{field.attname: value})
        ours = getattr(instance, f"get_{field_name}_display")()
        assert ours == models.Model._get_FIELD_display(instance, field)
        assert isinstance(ours, str) or ours is None
