"""Forms of the referral pages: the lists' filters and period, the bulk actions of the
inbox, and the answers. The services check everything again."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from lib.dates import PlausibleDateField
from pathways.enums import PathwayKind
from pathways.forms import UserChoiceField, members_of_organization
from referrals import selectors
from referrals.enums import Channel, ReferralState, RefusalReason
from referrals.state_machine import AWAITING_ANSWER

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

STATE_CHOICES = [
    ("", "Tous"),
    ("en-attente", "En attente de réponse (envoyées ou vues)"),
    *[(value, label) for value, label in ReferralState.choices if value != ReferralState.DRAFT],
]

PERIODS = {"30": 30, "90": 90, "365": 365}
# The default period (90 days) comes first, so that a form sent without one shows it.
PERIOD_CHOICES = [
    ("90", "90 derniers jours"),
    ("30", "30 derniers jours"),
    ("365", "365 derniers jours"),
    ("dates", "Entre deux dates"),
]


class PeriodForm(forms.Form):
    """The period of the figures (and of the sent list): last 30, 90, 365 days, or two
    dates."""

    periode = forms.ChoiceField(
        label="Période", choices=PERIOD_CHOICES, required=False, initial="90"
    )
    du = PlausibleDateField(label="Du", required=False, widget=DATE_INPUT)
    au = PlausibleDateField(label="Au", required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("periode") == "dates":
            if not data.get("du") or not data.get("au"):
                raise forms.ValidationError("Indiquez les deux dates de la période.")
            if data["du"] > data["au"]:
                raise forms.ValidationError("La date de début est après la date de fin.")
        return data

    def bounds(self) -> tuple:
        """(since, until) dates: the last 90 days unless the form says otherwise."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        period = data.get("periode") or "90"
        if period == "dates":
            return data["du"], data["au"]
        return today - timedelta(days=PERIODS[period] - 1), today


class InboxFilterForm(PeriodForm):
    etat = forms.ChoiceField(label="État", choices=STATE_CHOICES, required=False)
    canal = forms.ChoiceField(
        label="Canal d'entrée", choices=[("", "Tous"), *Channel.choices], required=False
    )
    # The ids and names of the senders, not their records: a large structure hears from
    # hundreds of organizations, and the filter is built on every opening of the inbox.
    prescripteur = forms.TypedChoiceField(
        label="Orientée par", choices=(), coerce=int, empty_value=None, required=False
    )
    anciennete = forms.ChoiceField(
        label="Ancienneté",
        choices=[("", "Toutes"), *selectors.AGE_FILTERS.items()],
        required=False,
    )
    tri = forms.ChoiceField(
        label="Trier par", choices=list(selectors.INBOX_SORTS.items()), required=False
    )

    field_order = ["etat", "canal", "prescripteur", "anciennete", "tri", "periode", "du", "au"]

    def __init__(self, *args, prescribers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prescripteur"].choices = [("", "Toutes"), *prescribers]
        self.fields["periode"].help_text = "Pour les chiffres ci-dessous."


class SentFilterForm(PeriodForm):
    etat = forms.ChoiceField(label="État", choices=STATE_CHOICES, required=False)

    field_order = ["etat", "periode", "du", "au"]


class BulkForm(forms.Form):
    """Several referrals of the inbox at once: mark them seen, or refuse them all with
    one reason."""

    ACTIONS = [("vue", "Marquer comme vues"), ("refus", "Refuser avec un même motif")]

    referrals = forms.ModelMultipleChoiceField(
        label="Orientations", queryset=None, error_messages={"required": ""}
    )
    action = forms.ChoiceField(label="Action sur la sélection", choices=ACTIONS)
    reason = forms.ChoiceField(
        label="Motif du refus",
        choices=[("", "—"), *RefusalReason.choices],
        required=False,
        help_text="Pour un refus seulement.",
    )
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour « Autre motif ».",
    )

    def __init__(self, *args, received, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrals"].queryset = received.filter(state__in=AWAITING_ANSWER)
        self.fields["referrals"].error_messages["required"] = (
            "Cochez au moins une orientation en attente de réponse."
        )

    def clean(self):
        data = super().clean()
        if data.get("action") == "refus":
            if not data.get("reason"):
                self.add_error("reason", "Choisissez le motif du refus.")
            elif data["reason"] == RefusalReason.OTHER and not data.get("comment", "").strip():
                self.add_error("comment", "Précisez le motif du refus en commentaire.")
        return data


class AcceptForm(forms.Form):
    referent = UserChoiceField(
        label="Référent·e du parcours",
        queryset=None,
        help_text="La personne de votre structure qui accompagnera la personne.",
    )
    kind = forms.ChoiceField(label="Type de parcours", choices=PathwayKind.choices)
    comment = forms.CharField(
        label="Message à l'organisation qui oriente",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, referral, user, **kwargs):
        structure = referral.to_organization
        kind = (
            PathwayKind.IAE if structure.kind_group == "inclusion_employer" else PathwayKind.SUPPORT
        )
        kwargs.setdefault("initial", {"referent": user.pk, "kind": kind})
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = members_of_organization(structure)


class RefuseForm(forms.Form):
    reason = forms.ChoiceField(label="Motif du refus", choices=[("", "—"), *RefusalReason.choices])
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="L'organisation qui oriente le lira. Obligatoire pour « Autre motif ».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Choisissez le motif du refus."

    def clean(self):
        data = super().clean()
        if data.get("reason") == RefusalReason.OTHER and not data.get("comment", "").strip():
            self.add_error("comment", "Précisez le motif du refus en commentaire.")
        return data


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organization):
        commune = f" — {organization.commune.name}" if organization.commune_id else ""
        return f"{organization.name} ({organization.get_kind_display()}){commune}"


class RedirectForm(forms.Form):
    to_organization = OrganizationChoiceField(
        label="Structure vers laquelle réorienter",
        queryset=None,
        help_text="Elle reçoit l'orientation à son tour ; l'organisation qui a orienté la suit.",
    )
    comment = forms.CharField(
        label="Pourquoi cette structure ?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = selectors.redirect_targets(referral)
        self.fields["to_organization"].error_messages["required"] = "Choisissez une structure."
        self.fields["comment"].error_messages["required"] = (
            "Expliquez pourquoi vous réorientez la personne."
        )


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label="Motif du retrait (facultatif)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
