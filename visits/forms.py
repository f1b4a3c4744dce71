from django import forms
from django.utils import timezone

from lib.dates import PlausibleDateField
from visits.enums import VisitReason
from visits.models import DETAIL_MAX, PLACE_MAX


class VisitForm(forms.Form):
    """One tap: each reason is a button of the form (`reason`), the rest is prefilled."""

    reason = forms.ChoiceField(
        label="Motif du passage",
        choices=VisitReason.choices,
        error_messages={"required": "Choisissez le motif du passage."},
    )
    place = forms.CharField(
        label="Lieu ou permanence",
        required=False,
        max_length=PLACE_MAX,
        widget=forms.TextInput(attrs={"maxlength": PLACE_MAX}),
        help_text="Par exemple : permanence de Laguiole. Gardé pour le passage suivant.",
    )
    detail = forms.CharField(
        label="Précisions (facultatif)",
        required=False,
        max_length=DETAIL_MAX,
        widget=forms.TextInput(attrs={"maxlength": DETAIL_MAX}),
        help_text=f"Sans nom ni détail qui permette de reconnaître la personne. "
        f"{DETAIL_MAX} caractères au plus.",
        error_messages={
            "max_length": "Les précisions tiennent en %(limit_value)d caractères au plus "
            "(%(show_value)d saisis)."
        },
    )
    visited_on = PlausibleDateField(
        label="Date du passage",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, place: str = "", **kwargs):
        kwargs.setdefault("initial", {"visited_on": timezone.localdate(), "place": place})
        super().__init__(*args, **kwargs)
