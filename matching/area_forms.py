"""The area of the territory view: an EPCI, or a commune and a radius. One form for the
page and the API, so both refuse the same things with the same words."""

from django import forms

from lib.text import check_no_nul
from territories.forms import CommuneField
from territories.models import EPCI

MIN_RADIUS_KM, MAX_RADIUS_KM = 1, 100
DEFAULT_RADIUS_KM = 20

BOTH = "Choisissez un EPCI ou une commune avec un rayon, pas les deux."
NEITHER = "Choisissez un EPCI, ou une commune et un rayon."
NO_RADIUS = "Indiquez le rayon autour de la commune, en km."
RADIUS_WITHOUT_COMMUNE = "Un rayon se donne avec une commune."


class AreaForm(forms.Form):
    epci = forms.CharField(label="EPCI", required=False, max_length=9)
    commune = CommuneField(
        label="Commune",
        required=False,
        help_text="Nom, code postal ou code INSEE",
    )
    radius_km = forms.IntegerField(
        label="Rayon autour de la commune (km)",
        required=False,
        min_value=MIN_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
        error_messages={
            "invalid": "Rayon en km : un nombre entier.",
            "min_value": f"Rayon de {MIN_RADIUS_KM} km au moins.",
            "max_value": f"Rayon de {MAX_RADIUS_KM} km au plus.",
        },
    )
    group = forms.IntegerField(label="Groupement d'employeurs", required=False, min_value=1)

    def __init__(self, *args, codes_only: bool = False, **kwargs):
        """`codes_only`: the commune as its INSEE code only (the API), where the page
        also takes a name or a postal code that designates a single commune."""
        super().__init__(*args, **kwargs)
        self.codes_only = codes_only

    def clean_commune(self):
        commune = self.cleaned_data["commune"]
        typed = (self.data.get("commune") or "").strip()
        if self.codes_only and commune is not None and commune.code != typed:
            raise forms.ValidationError(f"Aucune commune n'a le code INSEE « {typed} ».")
        return commune

    def clean_epci(self):
        code = self.cleaned_data["epci"].strip()
        check_no_nul(code)
        if not code:
            return None
        epci = EPCI.objects.filter(pk=code).first()
        if epci is None:
            raise forms.ValidationError(f"Aucun EPCI n'a le code « {code} ».")
        return epci

    def clean(self):
        data = super().clean()
        epci, commune = data.get("epci"), data.get("commune")
        if self.errors:
            return data
        if epci and commune:
            raise forms.ValidationError(BOTH)
        if not epci and not commune:
            raise forms.ValidationError(NEITHER)
        if commune and data.get("radius_km") is None:
            self.add_error("radius_km", NO_RADIUS)
        if epci and data.get("radius_km") is not None:
            self.add_error("radius_km", RADIUS_WITHOUT_COMMUNE)
        return data

    def messages(self) -> list[str]:
        """Every refusal as one sentence each, for the API."""
        names = {"epci": "epci", "commune": "commune", "radius_km": "radius_km", "group": "group"}
        out = list(self.non_field_errors())
        for field, errors in self.errors.items():
            if field in names:
                out += [f"{names[field]} : {error}" for error in errors]
        return out
