"""The filters of the ranking pages (GET forms), and the note that goes with a
shortlist presented to the employer."""

from django import forms

from lib.geo import SEARCH_RADII_KM
from lib.sensitive_words import CONFIRMATION_LABEL, SensitiveWordsError
from matching.labels import FEASIBILITY_LABELS
from matching.selectors import Filters
from pathways.enums import PathwayKind


class OfferRankingFilterForm(forms.Form):
    faisabilite = forms.ChoiceField(
        label="Faisabilité",
        choices=[("", "Toutes"), *FEASIBILITY_LABELS.items()],
        required=False,
    )
    distance = forms.TypedChoiceField(
        label="Distance au lieu de travail",
        choices=[("", "Toutes"), *((km, f"{km} km au plus") for km in SEARCH_RADII_KM)],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(feasibility=data["faisabilite"] or None, max_km=data["distance"])


class CandidateFilterForm(OfferRankingFilterForm):
    parcours = forms.ChoiceField(
        label="Type de parcours",
        choices=[("", "Tous"), *PathwayKind.choices],
        required=False,
    )

    def filters(self) -> Filters:
        found = super().filters()
        return Filters(found.feasibility, found.max_km, self.cleaned_data["parcours"] or None)


class ShortlistIntroductionForm(forms.Form):
    comment = forms.CharField(
        label="Un mot pour l'employeur",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Le même mot pour chaque personne présentée. Jamais de santé, de freins ni "
        "de situation personnelle : l'employeur lit ce mot.",
    )
    confirm_sensitive_words = forms.BooleanField(label=CONFIRMATION_LABEL, required=False)

    @property
    def asks_confirmation(self) -> bool:
        return self.has_error("comment", SensitiveWordsError.code) or bool(
            self["confirm_sensitive_words"].value()
        )
