"""The filters of « Résultats »: the scope, the period and the pathway kind."""

from django import forms
from django.utils import timezone

from indicators.periods import Period, last_quarter, last_twelve_months, quarter_of
from indicators.scopes import Scope, default_key, scope_choices, scope_for
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


def results_choice(user, organization, data) -> tuple[ResultsFilterForm, Scope, Period]:
    """The filters of « Résultats » as sent (a query string), the scope they name (404 if
    the user may not read it) and the period: one reading for the page, its downloads,
    its reports, its map and the indicators' export."""
    default = default_key(user, organization)
    typed = data.get("perimetre") if data else None
    # The chooser shows the scope the figures are of: the default one when the query
    # names none (else the select would show its first option over a territory's figures).
    data = data.copy() if data else None
    if data is not None and not data.get("perimetre"):
        data["perimetre"] = default
    form = ResultsFilterForm(data, scopes=scope_choices(user), initial={"perimetre": default})
    key = form.scope_key(default)
    # The key is read from the query as typed when the form refuses it: the scope check
    # then answers 404 for one the user may not read, instead of a quiet default.
    if typed and not form.is_valid() and "perimetre" in form.errors:
        key = typed
    scope = scope_for(user, key, pathway_kind=form.pathway_kind())
    return form, scope, form.period()


def filters_of_choice(scope: Scope, period: Period) -> dict[str, list[str]]:
    """The filters that name this scope and period exactly (two dates), as an export
    record keeps them: what was downloaded, read again as the page reads its query."""
    return {
        "perimetre": [scope.key],
        "periode": ["dates"],
        "du": [period.start.isoformat()],
        "au": [period.end.isoformat()],
        "parcours": [scope.pathway_kind] if scope.pathway_kind else [],
    }
