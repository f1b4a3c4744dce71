"""A job title (ROME appellation) typed as text, with suggestions, like the commune field."""

import re

from django import forms

from jobs.models import Appellation
from jobs.selectors import appellations_search
from lib.text import check_no_nul

CODE_IN_LABEL = re.compile(r"\((\d{4,6})\)\s*$")


def appellation_label(appellation: Appellation) -> str:
    """What the field shows and accepts back: « Aide à domicile (10320) »."""
    return f"{appellation.name} ({appellation.code})"


class AppellationField(forms.CharField):
    """« Aide à domicile (10320) » as offered by the suggestions, a code, or words that
    designate a single job title (or exactly its name)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "255")

    def prepare_value(self, value):
        if isinstance(value, Appellation):
            return appellation_label(value)
        return value

    def to_python(self, value):
        check_no_nul(value)
        text = super().to_python(value).strip()
        if not text:
            return None
        match = CODE_IN_LABEL.search(text)
        appellation = Appellation.objects.filter(pk=match.group(1) if match else text).first()
        if appellation:
            return appellation
        candidates = appellations_search(text, limit=6)
        exact = [a for a in candidates if a.name.lower() == text.lower()]
        if exact or len(candidates) == 1:
            return (exact or candidates)[0]
        if not candidates:
            raise forms.ValidationError(f"Aucun métier ne correspond à « {text} ».")
        names = ", ".join(appellation_label(a) for a in candidates[:5])
        raise forms.ValidationError(f"Plusieurs métiers correspondent : précisez ({names}).")
