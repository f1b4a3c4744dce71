from django import forms
from django.utils import timezone

from barriers import state_machine
from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, BarrierTheme
from lib.dates import PlausibleDateField


class BarrierAddForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Thème",
        queryset=BarrierTheme.objects.all(),
        to_field_name="code",
        empty_label="Choisir un thème",
        error_messages={"required": "Choisissez un thème.", "invalid_choice": "Thème inconnu."},
    )
    item = forms.ModelChoiceField(
        label="Frein",
        queryset=BarrierItem.objects.select_related("theme"),
        to_field_name="code",
        empty_label="Choisir d'abord un thème",
        error_messages={"required": "Choisissez un frein.", "invalid_choice": "Frein inconnu."},
    )
    detail = forms.CharField(
        label="Précisions",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce qui aide à lever le frein. Jamais de diagnostic médical.",
    )
    identified_on = PlausibleDateField(
        label="Identifié le",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Saisissez une date valide."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        theme_code = self.data.get("theme") if self.is_bound else None
        # Offer only the items of the chosen theme (the page reloads them with htmx).
        self.fields["item"].queryset = BarrierItem.objects.filter(
            theme__code=theme_code or ""
        ).select_related("theme")
        if theme_code:
            self.fields["item"].empty_label = "Choisir un frein"

    def clean_identified_on(self):
        value = self.cleaned_data["identified_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("La date ne peut pas être dans le futur.")
        return value


class BarrierStatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label="Nouvel état",
        choices=BarrierStatus.choices,
        error_messages={"required": "Choisissez un état.", "invalid_choice": "État inconnu."},
    )
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args, barrier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if barrier is not None:
            self.fields["to_status"].choices = state_machine.LIFECYCLE.options(barrier.status)
