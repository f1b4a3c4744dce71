from django import forms
from django.utils import timezone

from companies.enums import DEFAULT_RADIUS_KM, Engagement, ExchangeKind
from companies.models import Company, Contact, ContactLogEntry, GroupMembership
from companies.naf import DIVISIONS, is_valid_naf
from lib.dates import PlausibleDateField
from organizations.siret import normalize_siret, validate_siret
from territories.forms import CommuneField, RadiusField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "Saisissez une date valide."}


class CompanySearchForm(forms.Form):
    q = forms.CharField(
        label="Nom ou SIRET", required=False, max_length=100, help_text="Par exemple : boulangerie"
    )
    secteur = forms.ChoiceField(label="Secteur (division NAF)", required=False)
    commune = CommuneField(
        label="Commune", required=False, help_text="Par exemple : Trélazé (49353)"
    )
    rayon = RadiusField(default_km=DEFAULT_RADIUS_KM)
    etiquette = forms.ChoiceField(label="Étiquette", required=False)
    club = forms.BooleanField(label="Membres de notre club", required=False)
    a_relancer = forms.BooleanField(label="Prochaine étape à faire", required=False)

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secteur"].choices = [("", "Tous les secteurs")] + [
            (code, f"{code} — {label}") for code, label in DIVISIONS.items()
        ]
        self.fields["etiquette"].choices = [("", "Toutes")] + [(t, t) for t in tags]


class CompanyForm(forms.ModelForm):
    siret = forms.CharField(
        label="SIRET",
        max_length=20,
        help_text="14 chiffres, espaces permis.",
        error_messages={"required": "Indiquez le SIRET de l'établissement."},
    )
    naf_code = forms.CharField(
        label="Code NAF",
        required=False,
        max_length=7,
        help_text="Par exemple : 52.10B. Le secteur se remplit seul pour un code connu.",
    )
    commune = CommuneField(
        label="Commune",
        help_text="Par exemple : Trélazé (49353)",
        error_messages={"required": "Indiquez la commune de l'établissement."},
    )
    website = forms.URLField(
        label="Site internet",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Saisissez une adresse web valide (https://…)."},
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "siret",
            "naf_code",
            "naf_label",
            "size_band",
            "commune",
            "address",
            "website",
            "is_employer_group",
        ]
        error_messages = {"name": {"required": "Indiquez le nom de l'entreprise."}}

    def clean_siret(self):
        siret = normalize_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret

    def clean_naf_code(self):
        code = self.cleaned_data["naf_code"].strip().upper()
        if code and not is_valid_naf(code):
            raise forms.ValidationError(
                "Le code NAF s'écrit comme « 52.10B » : 4 chiffres et une lettre."
            )
        return code

    def validate_unique(self):
        # The service reports a duplicate SIRET with a link to the existing company.
        pass


class MemberForm(forms.Form):
    member = forms.ModelChoiceField(
        label="Entreprise utilisatrice",
        queryset=Company.objects.none(),
        error_messages={
            "required": "Choisissez une entreprise.",
            "invalid_choice": "Choisissez une entreprise de la liste.",
        },
    )
    since = PlausibleDateField(
        label="Membre depuis", required=False, widget=DATE, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, group: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            Company.objects.filter(is_employer_group=False)
            .exclude(pk=group.pk)
            .exclude(
                pk__in=GroupMembership.objects.filter(group=group).active().values("member_id")
            )
            .order_by("name")
        )


class ClubForm(forms.Form):
    engagement = forms.ChoiceField(
        label="Engagement",
        choices=Engagement.choices,
        error_messages={"required": "Choisissez l'engagement."},
    )
    since = PlausibleDateField(
        label="Membre du club depuis",
        required=False,
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="Aujourd'hui si vide.",
    )


class TagForm(forms.Form):
    label = forms.CharField(
        label="Nouvelle étiquette",
        max_length=50,
        help_text="Par exemple : saisonnier, 2x8, recrute des débutants",
        error_messages={"required": "Écrivez l'étiquette."},
    )


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "kind", "phone", "email"]
        error_messages = {
            "name": {"required": "Indiquez le nom du contact."},
            "email": {"invalid": "Saisissez une adresse électronique valide."},
        }

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.errors:
            raise forms.ValidationError(
                "Indiquez au moins un téléphone ou une adresse électronique."
            )
        return data


class LogEntryForm(forms.ModelForm):
    occurred_on = PlausibleDateField(
        label="Date", widget=DATE, error_messages={**DATE_ERRORS, "required": "Indiquez la date."}
    )
    next_step_due = PlausibleDateField(
        label="À faire pour le", required=False, widget=DATE, error_messages=DATE_ERRORS
    )

    class Meta:
        model = ContactLogEntry
        fields = ["kind", "occurred_on", "contact", "summary", "next_step", "next_step_due"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "kind": {"required": "Choisissez le type d'échange."},
            "summary": {"required": "Notez ce qui s'est dit."},
        }

    def __init__(self, *args, contacts, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choisir")] + list(ExchangeKind.choices)
        self.fields["contact"].queryset = contacts
        self.fields["contact"].empty_label = "Personne en particulier"
        self.fields["contact"].error_messages["invalid_choice"] = "Choisissez un de vos contacts."

    def clean(self):
        data = super().clean()
        if data.get("next_step_due") and not (data.get("next_step") or "").strip():
            self.add_error("next_step", "Décrivez la prochaine étape prévue pour cette date.")
        return data


class MemberLeaveForm(forms.Form):
    left_on = PlausibleDateField(
        label="Date de sortie",
        required=False,
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="Aujourd'hui si vide. Ses offres restent dans l'historique du groupement.",
    )


class ProposalForm(CompanyForm):
    """The company's identity as the structure would have it, and a word to the owner."""

    comment = forms.CharField(
        label="Message à l'entreprise",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Facultatif : d'où vient l'information (un appel, son site…).",
    )


class ProposalDecisionForm(forms.Form):
    DECISIONS = [("accepted", "Accepter"), ("refused", "Refuser")]

    decision = forms.ChoiceField(
        label="Votre réponse",
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez : accepter ou refuser.",
            "invalid_choice": "Choisissez : accepter ou refuser.",
        },
    )
    reason = forms.CharField(
        label="Motif du refus",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lu par la structure qui a proposé la modification.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refused" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Dites à la structure pourquoi vous refusez.")
        return data
