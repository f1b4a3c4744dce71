from django import forms

from barriers.models import BarrierTheme
from barriers.thematiques import thematiques, theme_of
from lib.dates import PlausibleDateField
from partner_services.enums import (
    DEFAULT_RADIUS_KM,
    ReferralState,
    RefusalReason,
    modes_accueil,
    publics,
)
from partner_services.models import Service
from territories.forms import CommuneField, RadiusField


def thematique_choices() -> list:
    """data·inclusion thématiques grouped by their theme, for a select."""
    groups: dict[str, list] = {}
    for value, label in thematiques().items():
        groups.setdefault(theme_of(value), []).append((value, label))
    # The theme slugs read well once the hyphens are spaces (« difficultes financieres »).
    return [(theme.replace("-", " ").capitalize(), options) for theme, options in groups.items()]


def theme_filter_choices() -> list:
    """Barrier themes first (a whole theme), then each thématique."""
    themes = [(t.code, t.label) for t in BarrierTheme.objects.all()]
    return [("", "Tous les thèmes"), ("Thèmes de freins", themes), *thematique_choices()]


class ServiceSearchForm(forms.Form):
    theme = forms.ChoiceField(label="Thème", required=False)
    commune = CommuneField(
        label="Commune", required=False, help_text="Par exemple : Trélazé (49353)"
    )
    radius_km = RadiusField(default_km=DEFAULT_RADIUS_KM)
    q = forms.CharField(label="Mots-clés", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_filter_choices()


class ServiceForm(forms.ModelForm):
    thematiques = forms.MultipleChoiceField(
        label="Thématiques",
        help_text="Les freins que ce service aide à lever (Ctrl ou Cmd pour en choisir plusieurs).",
        error_messages={"required": "Choisissez au moins une thématique."},
    )
    publics = forms.MultipleChoiceField(label="Publics", required=False)
    modes_accueil = forms.MultipleChoiceField(label="Modes d'accueil", required=False)
    commune = CommuneField(
        label="Commune",
        help_text="Par exemple : Trélazé (49353)",
        error_messages={"required": "Indiquez la commune du service."},
    )
    website = forms.URLField(
        label="Site internet",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Saisissez une adresse web valide (https://…)."},
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "structure_name",
            "description",
            "thematiques",
            "publics",
            "modes_accueil",
            "commune",
            "address",
            "post_code",
            "contact_email",
            "contact_phone",
            "website",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": "Indiquez le nom du service."},
            "description": {"required": "Décrivez le service."},
            "contact_email": {"invalid": "Saisissez une adresse électronique valide."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thematiques"].choices = thematique_choices()
        self.fields["publics"].choices = list(publics().items())
        self.fields["modes_accueil"].choices = list(modes_accueil().items())
        self.fields["structure_name"].required = False
        self.fields["structure_name"].help_text = "Par défaut, le nom de votre organisation."

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if len(name) < 3:
            raise forms.ValidationError("Le nom doit faire au moins 3 caractères.")
        return name


class ReferralForm(forms.Form):
    barrier = forms.ModelChoiceField(
        label="Pour le frein", queryset=None, required=False, empty_label="Aucun en particulier"
    )
    message = forms.CharField(
        label="Message au service",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ce que le service doit savoir pour recevoir la personne. Il ne voit que "
        "ce message et le nom de la personne.",
        error_messages={"required": "Écrivez un message au service."},
    )

    def __init__(self, *args, barriers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["barrier"].queryset = barriers
        self.fields["barrier"].label_from_instance = lambda barrier: barrier.item.label


class ReferralTransitionForm(forms.Form):
    """A decision on a service referral: the partner's answer (accept; refuse with a
    reason from the list and, for « autre », words of its own; done, on a date) or the
    sender's cancellation. `moves` are the decisions the user may take."""

    to_state = forms.ChoiceField(
        label="Décision",
        error_messages={
            "required": "Choisissez une décision.",
            "invalid_choice": "Décision inconnue.",
        },
    )
    refusal_reason = forms.ChoiceField(
        label="Motif du refus",
        required=False,
        choices=[("", "—"), *RefusalReason.choices],
        error_messages={"invalid_choice": "Motif inconnu : choisissez-le dans la liste."},
    )
    comment = forms.CharField(
        label="Commentaire",
        help_text="Obligatoire pour un refus au motif « autre ». L'équipe qui a orienté la "
        "personne le lit.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    done_on = PlausibleDateField(
        label="Réalisée le",
        help_text="Pour « Réalisée » : aujourd'hui si vide.",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
    )

    def __init__(self, *args, moves=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [(m, ReferralState(m).label) for m in moves]

    def clean(self):
        data = super().clean()
        to_state = data.get("to_state")
        if to_state == ReferralState.REFUSED and not data.get("refusal_reason"):
            self.add_error("refusal_reason", "Choisissez le motif du refus.")
        if (
            to_state == ReferralState.REFUSED
            and data.get("refusal_reason") == RefusalReason.OTHER
            and not (data.get("comment") or "").strip()
        ):
            self.add_error("comment", "Précisez le motif du refus.")
        if to_state != ReferralState.REFUSED:
            data["refusal_reason"] = ""
        if to_state != ReferralState.DONE:
            data["done_on"] = None
        return data
