import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from organizations.siret import is_valid_siret, validate_siret, with_check_digit


def test_it_accepts_a_real_siret():
    assert is_valid_siret("732 829 320 00074")  # spaces are tolerated


def test_it_rejects_a_wrong_checksum():
    with pytest.raises(ValidationError, match="n'est pas valide"):
        validate_siret("73282932000075")


@pytest.mark.parametrize("value", ["1234", "7328293200007A", "", "732829320000745"])
def test_it_rejects_a_wrong_format(value):
    with pytest.raises(ValidationError, match="14 chiffres"):
        validate_siret(value)


def test_it_applies_la_poste_rule():
    # Digits summing to a multiple of 5, though the Luhn checksum fails.
    assert is_valid_siret("35600000000010")
    assert not is_valid_siret("35600000000011")


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_it_completes_any_13_digits_into_a_valid_siret(digits):
    if digits.startswith("356000000"):
        return  # La Poste's establishments follow another rule
    siret = with_check_digit(digits)
    assert siret.startswith(digits)
    assert is_valid_siret(siret)
