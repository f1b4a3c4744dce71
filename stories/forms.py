"""Forms of the story pages. They parse; the services check again (the words, the
consent, who acts)."""

from django import forms

from lib.dates import PlausibleDateField
from lib.sensitive_words import CONFIRMATION_LABEL
from pathways.forms import DATE_INPUT
from persons.enums import ConsentMethod
from stories.enums import CONSENT_TEXT, ConsentScope, ContractType, StoryState

WARNING = (
    "Jamais de vrai nom, de coordonnées, de santé, de freins ni de situation personnelle : "
    "ce récit peut être lu par tout le monde."
)


class StoryForm(forms.Form):
    first_name = forms.CharField(
        label="Prénom d'emprunt",
        max_length=40,
        help_text="Un autre prénom que le sien : personne ne doit la ou le reconnaître.",
    )
    title = forms.CharField(label="Titre", max_length=120)
    text = forms.CharField(
        label="Récit",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"Ce qui a changé, les étapes, les rencontres. {WARNING}",
    )
    job = forms.CharField(label="Métier", max_length=120, required=False)
    sector = forms.CharField(label="Secteur", max_length=120, required=False)
    contract_type = forms.ChoiceField(
        label="Type de contrat",
        choices=[("", "—"), *ContractType.choices],
        required=False,
    )
    outcome = forms.CharField(
        label="Aujourd'hui",
        max_length=200,
        help_text="Où en est la personne aujourd'hui, en une phrase (« en CDI depuis mars »).",
    )
    # Shown once the text was refused for its words (see lib.sensitive_words).
    confirm_sensitive_words = forms.BooleanField(label=CONFIRMATION_LABEL, required=False)


class ConsentForm(forms.Form):
    shown = forms.BooleanField(
        label="J'ai fait lire (ou j'ai lu) ce texte à la personne, qui l'a accepté",
        help_text=CONSENT_TEXT,
    )
    scope = forms.ChoiceField(label="Usage accepté", choices=ConsentScope.choices)
    method = forms.ChoiceField(
        label="Accord recueilli", choices=ConsentMethod.choices, initial=ConsentMethod.WRITTEN
    )
    consented_on = PlausibleDateField(label="Accord donné le", widget=DATE_INPUT)


class WithdrawForm(forms.Form):
    method = forms.ChoiceField(
        label="Retrait demandé", choices=ConsentMethod.choices, initial=ConsentMethod.ORAL
    )
    confirm = forms.BooleanField(
        label="La personne retire son accord : l'histoire est retirée aussitôt, définitivement"
    )


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=StoryState.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour renvoyer l'histoire : ce qui est à reprendre.",
    )


class StoryFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="État", choices=[("", "Tous les états"), *StoryState.choices], required=False
    )
