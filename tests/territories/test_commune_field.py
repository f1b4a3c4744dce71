"""What a person types in a commune field: a name that is exactly one commune's is that
commune, even when other names contain it; a name or postal code shared by several
still asks which one."""

import pytest
from django import forms

from territories.forms import CommuneField
from tests.factories.territories import commune_at


def test_an_exact_name_is_that_commune_though_others_contain_it(anjou):
    field = CommuneField(required=False)
    assert field.clean("Angers").name == "Angers"
    assert field.clean("angers").name == "Angers"
    assert field.clean("Lion d'Angers").name == "Le Lion-d'Angers"


def test_a_word_that_starts_several_names_still_asks(anjou):
    with pytest.raises(forms.ValidationError, match="Plusieurs communes correspondent"):
        CommuneField(required=False).clean("ang")


def test_a_postal_code_shared_by_several_communes_still_asks(anjou):
    with pytest.raises(forms.ValidationError, match="Plusieurs communes correspondent"):
        CommuneField(required=False).clean("49800")  # Trélazé and Sarrigné


def test_two_communes_of_the_same_name_still_ask(anjou):
    commune_at("12345", "Angers", 45.0, 1.0, post_codes="12000", population=10)
    with pytest.raises(forms.ValidationError, match="Plusieurs communes correspondent"):
        CommuneField(required=False).clean("Angers")
