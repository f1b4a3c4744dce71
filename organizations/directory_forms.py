"""Forms of the structure directory: the search, and the profile an organization's admins
publish for prescribers."""

import re

from django import forms

from barriers.models import BarrierTheme
from jobs.forms import AppellationField
from jobs.models import RomeFamily
from organizations.directory import DIRECTORY_KINDS
from organizations.enums import OrganizationKind
from territories.forms import CommuneField

_ROME_CODE = re.compile(r"^[A-Na-n]\d{4}$")


def rome_of(text: str) -> RomeFamily:
    """A ROME family typed as its code (« K2204 »), or the family of a job title typed as
    the job field accepts it (« Agent / Agente de propreté (12345) », or its name)."""
    text = text.strip()
    if _ROME_CODE.match(text):
        family = RomeFamily.objects.filter(pk=text.upper()).first()
        if family is None:
            raise forms.ValidationError(f"Aucune fiche ROME « {text.upper()} ».")
        return family
    return AppellationField().clean(text).rome


class StructureSearchForm(forms.Form):
    commune = CommuneField(
        label="Près de la commune",
        required=False,
        help_text="Nom ou code postal, puis choisissez dans la liste.",
    )
    radius_km = forms.IntegerField(
        label="Dans un rayon de (km)",
        initial=30,
        required=False,
        min_value=5,
        max_value=100,
        error_messages={
            "min_value": "Choisissez un rayon d'au moins 5 km.",
            "max_value": "Choisissez un rayon de 100 km au plus.",
            "invalid": "Indiquez un rayon en kilomètres.",
        },
    )
    kind = forms.ChoiceField(label="Type de structure", required=False)
    appellation = forms.CharField(
        label="Métier proposé",
        required=False,
        max_length=255,
        help_text="Un métier (choisissez dans la liste) ou un code ROME, par exemple K2204.",
    )
    theme = forms.ModelChoiceField(
        label="Frein pris en charge",
        queryset=BarrierTheme.objects.all(),
        required=False,
        empty_label="Tous",
    )
    open_now = forms.BooleanField(label="Ouvertes aux orientations maintenant", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(OrganizationKind.choices)
        self.fields["kind"].choices = [("", "Tous")] + [(k, labels[k]) for k in DIRECTORY_KINDS]

    def clean_appellation(self):
        text = self.cleaned_data["appellation"].strip()
        return rome_of(text) if text else None

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "commune": data["commune"],
            "radius_km": data["radius_km"] or 30,
            "kind": data["kind"],
            "rome": data["appellation"],
            "theme": data["theme"],
            "open_now": data["open_now"],
        }


class PublicStructureSearchForm(forms.Form):
    commune = CommuneField(
        label="Votre commune",
        help_text="Son nom ou son code postal, par exemple Trélazé.",
        error_messages={"required": "Indiquez votre commune."},
    )


class ReferralProfileForm(forms.Form):
    accepts_referrals = forms.BooleanField(
        label="Nous accueillons des orientations en ce moment",
        required=False,
        help_text="Décochez quand vous n'avez plus de place : les prescripteurs le verront.",
    )
    referral_note = forms.CharField(
        label="À savoir avant d'orienter",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Publics accueillis, prérequis, pièces utiles, modalités d'accueil.",
    )
    capacity_note = forms.CharField(
        label="Places et délais",
        required=False,
        max_length=255,
        help_text="Par exemple : « 3 places en mars, réponse sous 8 jours ».",
    )
    jobs = forms.CharField(
        label="Métiers proposés",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Codes ROME ou intitulés de métiers, séparés par des virgules "
        "(par exemple : K2204, N1103).",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Freins pris en charge",
        queryset=BarrierTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def initial_of(cls, organization) -> dict:
        return {
            "accepts_referrals": organization.accepts_referrals,
            "referral_note": organization.referral_note,
            "capacity_note": organization.capacity_note,
            "jobs": ", ".join(family.code for family in organization.referral_jobs.all()),
            "themes": list(organization.referral_themes.all()),
        }

    def clean_jobs(self):
        families, unknown = [], []
        for item in (part.strip() for part in self.cleaned_data["jobs"].split(",")):
            if not item:
                continue
            try:
                family = rome_of(item)
            except forms.ValidationError:
                unknown.append(item)
            else:
                if family not in families:
                    families.append(family)
        if unknown:
            raise forms.ValidationError(
                f"Métier introuvable ou ambigu : {', '.join(unknown)}. "
                "Indiquez un code ROME (par exemple K2204) ou un intitulé exact."
            )
        return families
