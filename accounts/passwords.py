from django.core.exceptions import ValidationError


class CharacterClassesValidator:
    """A password mixes at least three kinds of characters: lower case, upper case,
    digits, symbols. Length is checked by Django's MinimumLengthValidator."""

    required = 3

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.required:
            raise ValidationError(
                "Le mot de passe doit mélanger au moins trois types de caractères parmi : "
                "minuscules, majuscules, chiffres et symboles.",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return (
            "Au moins trois types de caractères parmi : minuscules, majuscules, chiffres, symboles."
        )
