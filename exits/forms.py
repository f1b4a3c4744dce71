from django import forms

from employment.enums import COUNSELLOR_CHANNEL_CHOICES
from exits.enums import Situation
from lib.dates import PlausibleDateField
from pathways.forms import DATE_INPUT


class CheckForm(forms.Form):
    done_on = PlausibleDateField(label="Date de l'échange", widget=DATE_INPUT)
    situation = forms.ChoiceField(
        label="Situation de la personne", choices=[("", "—")] + list(Situation.choices)
    )
    channel = forms.ChoiceField(
        label="Moyen d'échange", choices=[("", "—")] + COUNSELLOR_CHANNEL_CHOICES
    )
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
