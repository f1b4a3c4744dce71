import re

from django import forms

from lib.geo import SEARCH_RADII_KM
from lib.text import check_no_nul
from territories.models import Commune
from territories.selectors import communes_search

_CODE_IN_LABEL = re.compile(r"\((\d[\dAB]\d{3})\)\s*$")


def commune_label(commune: Commune) -> str:
    """What the commune field shows and accepts back: « Trélazé (49353) »."""
    return f"{commune.name} ({commune.code})"


class CommuneField(forms.CharField):
    """A commune typed as text: « Trélazé (49353) » as offered by the suggestions, an
    INSEE code, or a name or postal code that designates a single commune — exactly,
    or as the start of a single name."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "120")

    def prepare_value(self, value):
        if isinstance(value, Commune):
            return commune_label(value)
        if isinstance(value, str) and len(value) == 5:  # an INSEE code from the model
            commune = Commune.objects.filter(pk=value).first()
            return commune_label(commune) if commune else value
        return value

    def to_python(self, value):
        check_no_nul(value)
        text = super().to_python(value).strip()
        if not text:
            return None
        match = _CODE_IN_LABEL.search(text)
        code = match.group(1) if match else text
        commune = Commune.objects.filter(pk=code).first()
        if commune:
            return commune
        candidates = communes_search(text, limit=6)
        exact = [candidate for candidate in candidates if candidate.rank == 0]
        if len(candidates) == 1 or len(exact) == 1:
            # « Angers » is Angers, not a question about Le Lion-d'Angers; two communes
            # of the very same name (or postal code) are still asked about.
            return exact[0] if exact else candidates[0]
        if not candidates:
            raise forms.ValidationError(f"Aucune commune ne correspond à « {text} ».")
        names = ", ".join(commune_label(c) for c in candidates[:5])
        raise forms.ValidationError(f"Plusieurs communes correspondent : précisez ({names}).")


class RadiusField(forms.TypedChoiceField):
    """A search radius among `SEARCH_RADII_KM`; `default_km` when left empty."""

    def __init__(self, *, default_km: int, label: str = "Rayon", required: bool = False, **kwargs):
        super().__init__(
            label=label,
            coerce=int,
            choices=[(km, f"{km} km") for km in SEARCH_RADII_KM],
            initial=default_km,
            required=required,
            empty_value=default_km,
            **kwargs,
        )
