"""Phone numbers as people type them: spaces, dots, a leading +33 are fine; what counts is
that there are as many digits as a French or international number has."""

from django.core.exceptions import ValidationError

PHONE_REFUSED = "Saisissez un numéro de téléphone valide (10 chiffres)."


def check_phone(phone: str) -> None:
    """Refuse a non-empty number with fewer than 9 or more than 13 digits."""
    digits = [c for c in phone if c.isdigit()]
    if phone.strip() and not 9 <= len(digits) <= 13:
        raise ValidationError(PHONE_REFUSED, code="invalid_phone")
