"""SIRET: 14 digits (SIREN + NIC) whose Luhn checksum is valid. La Poste's establishments
(SIREN 356000000) follow another rule: the digits sum to a multiple of 5."""

from django.core.exceptions import ValidationError

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_siret(value: str) -> str:
    return "".join(value.split())


def is_valid_siret(value: str) -> bool:
    siret = normalize_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_SIREN + "00012":
        return sum(int(c) for c in siret) % 5 == 0
    return luhn_valid(siret)


def validate_siret(value: str) -> None:
    siret = normalize_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        raise ValidationError("Le SIRET doit comporter 14 chiffres.", code="siret_format")
    if not is_valid_siret(siret):
        raise ValidationError(
            "Ce SIRET n'est pas valide : vérifiez les chiffres saisis.", code="siret_checksum"
        )


def with_check_digit(first_13_digits: str) -> str:
    """Complete 13 digits into a valid SIRET (used to build synthetic demo data)."""
    for last in "0123456789":
        if luhn_valid(first_13_digits + last):
            return first_13_digits + last
    raise AssertionError("unreachable: one of ten digits always completes a Luhn number")
