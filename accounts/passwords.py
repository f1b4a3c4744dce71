from django.core.exceptions import ValidationError

from accounts.services import api_tokens_revoke_all


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


class RevokeApiTokensOnChange:
    """Not a rule on the password: Django calls `password_changed` on every configured
    validator whenever a user is saved with a new password, whatever the path (allauth's
    change and reset, the admin, `manage.py changepassword`). A new password revokes the
    account's API tokens: one made by whoever knew the old password stops working."""

    def validate(self, password: str, user=None) -> None:
        return None

    def password_changed(self, password: str, user=None) -> None:
        if user is not None and user.pk is not None:
            api_tokens_revoke_all(user=user)

    def get_help_text(self) -> str:
        return "Un nouveau mot de passe révoque les jetons d'API du compte."
