"""Filters of the lists that have no filter form of their own on a page: a period, and
for some one company or one person."""

from django import forms

from lib.dates import PlausibleDateField
from offers.enums import IntroductionState

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodFilterForm(forms.Form):
    du = PlausibleDateField(label="Du", required=False, widget=DATE_INPUT)
    au = PlausibleDateField(label="Au", required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["du"] > data["au"]:
            raise forms.ValidationError("La date de début est après la date de fin.")
        return data


class IntroductionFilterForm(PeriodFilterForm):
    etat = forms.ChoiceField(
        label="État", choices=[("", "Tous"), *IntroductionState.choices], required=False
    )


class CompanyLogFilterForm(PeriodFilterForm):
    entreprise = forms.IntegerField(label="Entreprise", required=False, min_value=1)


class ImmersionFilterForm(PeriodFilterForm):
    personne = forms.IntegerField(label="Personne", required=False, min_value=1)
