from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password

from organizations.enums import OrganizationKind, Role
from organizations.models import Organization
from organizations.siret import normalize_siret
from territories.forms import CommuneField
from territories.models import EPCI


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique",
        help_text="L'invitation est valable 7 jours.",
        error_messages={"invalid": "Saisissez une adresse électronique valide."},
    )
    role = forms.ChoiceField(label="Rôle", choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    password1 = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
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
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                validate_password(data["password1"], user=candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class OrganizationForm(forms.ModelForm):
    """What an organization's admin maintains. Kind and SIRET identify the organization:
    only platform admins set them (see `for_platform_admin`)."""

    siret = forms.CharField(
        label="SIRET", max_length=20, help_text="14 chiffres ; les espaces sont acceptés."
    )
    website = forms.URLField(label="Site internet", required=False, assume_scheme="https")
    commune = CommuneField(
        label="Commune",
        help_text="Tapez le nom ou le code postal puis choisissez dans la liste.",
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "siret",
            "commune",
            "address",
            "email",
            "phone",
            "website",
            "description",
            "served_epcis",
            "funders",
        ]
        widgets = {
            "served_epcis": forms.CheckboxSelectMultiple,
            "funders": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "served_epcis": "Les intercommunalités du département où vous intervenez.",
            "funders": "Les coordinateurs ou financeurs de votre action. Chacun lit les "
            "chiffres de votre organisation additionnés à ceux des autres structures qu'il "
            "finance, sans aucun nom, et « moins de 5 » pour les petits nombres.",
        }

    def __init__(self, *args, for_platform_admin: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_platform_admin:
            for name in ("kind", "siret"):
                self.fields[name].disabled = True
        if "served_epcis" in self.fields:
            commune = self.instance.commune if self.instance.commune_id else None
            self.fields["served_epcis"].queryset = (
                EPCI.objects.filter(communes__department_id=commune.department_id).distinct()
                if commune
                else EPCI.objects.none()
            )
            self.fields["served_epcis"].required = False
        if "funders" in self.fields:
            funders = Organization.objects.filter(kind=OrganizationKind.COORDINATOR)
            if self.instance.pk:
                funders = funders.exclude(pk=self.instance.pk)
            self.fields["funders"].queryset = funders.order_by("name")
            self.fields["funders"].required = False
        self.fields["siret"].error_messages["unique"] = (
            "Une organisation avec ce SIRET existe déjà sur Parcours."
        )

    def clean_siret(self):
        return normalize_siret(self.cleaned_data["siret"])


class OrganizationCreateForm(OrganizationForm):
    admin_email = forms.EmailField(
        label="Adresse de son premier administrateur",
        help_text="Cette personne reçoit une invitation à rejoindre l'organisation.",
    )

    class Meta(OrganizationForm.Meta):
        fields = ["name", "kind", "siret", "commune", "address", "email", "phone"]
