from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password

from organizations.enums import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique", help_text="L'invitation est valable 7 jours.",
        error_messages={"invalid": "Saisissez une adresse électronique valide."},
    )
    role = forms.ChoiceField(label="Rôle", choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    password1 = forms.CharField(
        label="Mot de passe", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Au moins 12 caractères, mêlant au moins trois types parmi minuscules, "
        "majuscules, chiffres et symboles.",
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "Les deux mots de passe ne correspondent pas.")
        elif data.get("password1"):
            candidate = get_user_model()(
                email=self.email, first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                validate_password(data["password1"], user=candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
