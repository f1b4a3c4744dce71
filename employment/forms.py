"""Forms of the contract pages. They parse; the services check the terms again."""

from django import forms

from companies.models import Company
from employment.enums import (
    COUNSELLOR_CHANNEL_CHOICES,
    EMPLOYER_ISSUES,
    ISSUES_OF_SIDE,
    BreakReason,
    ChangeKind,
    ContractType,
    HowItGoes,
    Issue,
    Step,
)
from lib.dates import PlausibleDateField
from organizations.enums import KindGroup, kinds_of
from organizations.models import Organization
from pathways.forms import DATE_INPUT

HOURS = {"min_value": 0.5, "max_value": 48, "decimal_places": 1, "max_digits": 4}


class ContractForm(forms.Form):
    company_siret = forms.CharField(
        label="SIRET de l'entreprise",
        required=False,
        max_length=14,
        help_text="14 chiffres ; l'entreprise doit figurer dans le registre.",
    )
    employer_organization = forms.ModelChoiceField(
        label="Ou employeur inclusif",
        queryset=Organization.objects.none(),
        required=False,
        empty_label="—",
    )
    contract_type = forms.ChoiceField(label="Type de contrat", choices=ContractType.choices)
    start_date = PlausibleDateField(label="Début", widget=DATE_INPUT)
    end_date = PlausibleDateField(
        label="Fin prévue", widget=DATE_INPUT, required=False, help_text="Vide pour un CDI."
    )
    hours_per_week = forms.DecimalField(label="Heures par semaine", **HOURS)
    trial_end = PlausibleDateField(
        label="Fin de la période d'essai", widget=DATE_INPUT, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer_organization"].queryset = Organization.objects.filter(
            kind__in=kinds_of(KindGroup.INCLUSION_EMPLOYER)
        ).order_by("name")

    def clean_company_siret(self):
        siret = "".join(self.cleaned_data["company_siret"].split())
        if not siret:
            return None
        company = Company.objects.filter(siret=siret).first()
        if company is None:
            raise forms.ValidationError(
                "Aucune entreprise du registre n'a ce SIRET : ajoutez-la d'abord."
            )
        return company

    def clean(self):
        data = super().clean()
        both_read = "company_siret" in data and "employer_organization" in data
        if both_read and (data["company_siret"] is None) == (data["employer_organization"] is None):
            raise forms.ValidationError(
                "Indiquez l'employeur : le SIRET d'une entreprise ou un employeur inclusif."
            )
        return data

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["company"] = data.pop("company_siret")
        return data


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label="Changement", choices=ChangeKind.choices)
    effective_on = PlausibleDateField(label="À partir du", widget=DATE_INPUT)
    end_date = PlausibleDateField(
        label="Nouvelle date de fin", widget=DATE_INPUT, required=False, help_text="Renouvellement."
    )
    hours_per_week = forms.DecimalField(
        label="Nouvel horaire hebdomadaire", required=False, help_text="En heures.", **HOURS
    )
    comment = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BreakForm(forms.Form):
    reason = forms.ChoiceField(label="Motif de la rupture", choices=BreakReason.choices)
    on = PlausibleDateField(label="Dernier jour du contrat", widget=DATE_INPUT)
    comment = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EndForm(forms.Form):
    on = PlausibleDateField(label="Dernier jour du contrat", widget=DATE_INPUT)


class SideForm(forms.Form):
    done_on = PlausibleDateField(label="Fait le", widget=DATE_INPUT)
    channel = forms.ChoiceField(label="Moyen", choices=COUNSELLOR_CHANNEL_CHOICES)
    how_it_goes = forms.ChoiceField(label="Comment ça se passe", choices=HowItGoes.choices)
    issues = forms.MultipleChoiceField(
        label="Difficultés évoquées", required=False, widget=forms.CheckboxSelectMultiple
    )
    actions = forms.CharField(
        label="Actions décidées", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    serious = forms.BooleanField(
        label="Difficulté sérieuse",
        required=False,
        help_text="Alerte le·la référent·e aujourd'hui même.",
    )

    def __init__(self, *args, side: str, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Issue.choices)
        self.fields["issues"].choices = [(i, labels[i]) for i in ISSUES_OF_SIDE[side]]


class EmployerLinkForm(forms.Form):
    """« Envoyer le lien à l'employeur »: the address, prefilled with the known contact."""

    email = forms.EmailField(
        label="Adresse électronique du contact chez l'employeur",
        error_messages={
            "required": "Indiquez l'adresse électronique du contact chez l'employeur.",
            "invalid": "Cette adresse électronique n'est pas valide.",
        },
    )


class EmployerAnswerForm(forms.Form):
    """The employer's side, on the page of its emailed link: the job only."""

    how_it_goes = forms.ChoiceField(
        label="Comment ça se passe dans le poste ?",
        choices=HowItGoes.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Dites comment ça se passe, sur l'échelle proposée."},
    )
    issues = forms.MultipleChoiceField(
        label="Difficultés rencontrées",
        required=False,
        choices=[(i.value, i.label) for i in EMPLOYER_ISSUES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez les difficultés dans la liste."},
    )
    serious = forms.BooleanField(
        label="C'est sérieux : nous souhaitons un appel rapide de la structure",
        required=False,
    )
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sur le poste et le travail seulement.",
    )


class FollowUpCalendarForm(forms.Form):
    steps = forms.MultipleChoiceField(
        label="Points de suivi après l'embauche",
        choices=Step.choices,  # in the calendar's order
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins une étape du suivi."},
    )
