"""The filters of « Résultats »: the scope, the period and the pathway kind."""

from django import forms
from django.utils import timezone

from indicators.periods import Period, last_quarter, last_twelve_months, quarter_of
from lib.dates import PlausibleDateField
from pathways.enums import PathwayKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The default (the last full quarter) comes first, so that a form sent without one shows it.
PERIOD_CHOICES = [
    ("trimestre-precedent", "Le trimestre dernier"),
    ("trimestre", "Le trimestre en cours"),
    ("12-mois", "Les 12 derniers mois"),
    ("dates", "Entre deux dates"),
]
MAX_DAYS = 3 * 366


class ResultsFilterForm(forms.Form):
    perimetre = forms.ChoiceField(label="Périmètre", required=False)
    periode = forms.ChoiceField(label="Période", choices=PERIOD_CHOICES, required=False)
    du = PlausibleDateField(label="Du", required=False, widget=DATE_INPUT)
    au = PlausibleDateField(label="Au", required=False, widget=DATE_INPUT)
    parcours = forms.ChoiceField(
        label="Type de parcours",
        choices=[("", "Tous les parcours"), *PathwayKind.choices],
        required=False,
    )

    def __init__(self, *args, scopes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perimetre"].choices = scopes

    def clean(self):
        data = super().clean()
        if data.get("periode") == "dates":
            if not data.get("du") or not data.get("au"):
                raise forms.ValidationError("Indiquez les deux dates de la période.")
            if data["du"] > data["au"]:
                raise forms.ValidationError("La date de début est après la date de fin.")
            if (data["au"] - data["du"]).days >= MAX_DAYS:
                raise forms.ValidationError("Choisissez une période de trois ans au plus.")
        return data

    def period(self) -> Period:
        """The chosen period; the last full quarter unless the form says otherwise (or
        when it is invalid: the page then shows its errors over the default)."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        chosen = data.get("periode") or "trimestre-precedent"
        if chosen == "dates":
            return Period(data["du"], data["au"])
        if chosen == "trimestre":
            return Period(quarter_of(today).start, today)
        if chosen == "12-mois":
            return last_twelve_months(today)
        return last_quarter(today)

    def scope_key(self, default: str) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("perimetre") or default

    def pathway_kind(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("parcours") or ""
