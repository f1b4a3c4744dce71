"""Forms of the pathway pages. Choices come from the state machine, the eligibility
rules and the organization acting; the services check everything again."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from access.policy import Capability, kinds_joining_teams, kinds_with
from lib.dates import PlausibleDateField
from organizations.enums import KindGroup, kinds_of
from organizations.models import Organization
from pathways import state_machine
from pathways.eligibility import Level1, Level2
from pathways.enums import (
    EXIT_CATEGORY_OF,
    EntryChannel,
    ExitCategory,
    ExitReason,
    PassChangeKind,
    PathwayKind,
    PathwayState,
    TeamRole,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def members_of_organization(organization):
    return (
        get_user_model()
        .objects.filter(memberships__organization=organization, memberships__is_active=True)
        .order_by("last_name", "first_name", "id")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or str(user)


class PathwayOpenForm(forms.Form):
    kind = forms.ChoiceField(label="Type de parcours", choices=PathwayKind.choices)
    referent = UserChoiceField(label="Référent·e", queryset=None)
    entry_channel = forms.ChoiceField(label="Entrée", choices=EntryChannel.choices)
    prescriber_organization = forms.ModelChoiceField(
        label="Prescripteur",
        queryset=None,
        required=False,
        empty_label="Aucun (venue spontanée ou repérage)",
        help_text="L'organisation qui a orienté la personne : elle verra les grandes étapes.",
    )
    started_on = PlausibleDateField(label="Date de début", widget=DATE_INPUT)

    def __init__(self, *args, organization, **kwargs):
        kwargs.setdefault("initial", {"started_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = members_of_organization(organization)
        self.fields["prescriber_organization"].queryset = Organization.objects.filter(
            kind__in=kinds_of(KindGroup.PRESCRIBER)
        ).order_by("name", "id")


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label="Nouvelle étape")
    exit_reason = forms.ChoiceField(
        label="Motif de sortie",
        choices=[("", "—")] + list(ExitReason.choices),
        required=False,
        help_text="Obligatoire pour une sortie : la catégorie de sortie en découle.",
    )
    override_reason = forms.CharField(
        label="Pourquoi une autre sortie que celle proposée",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Seulement si vous choisissez un autre motif que celui des faits.",
    )
    comment = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, pathway, proposal=None, **kwargs):
        """`proposal`: the exit the facts point to (`employment.exits`), offered first."""
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["to_state"].choices = state_machine.LIFECYCLE.options(pathway.state)
        if proposal is not None:
            self.fields["exit_reason"].initial = proposal.reason
            self.fields["exit_reason"].help_text = (
                f"Proposé d'après le dernier contrat : {proposal.reason_label} "
                f"({proposal.category_label.lower()})."
            )
        else:
            del self.fields["override_reason"]

    def clean(self):
        data = super().clean()
        closing = data.get("to_state") == PathwayState.CLOSED
        if closing and not data.get("exit_reason") and self.proposal is None:
            self.add_error("exit_reason", "Indiquez le motif de sortie.")
        return data


def exit_categories_by_reason() -> list[tuple[str, str]]:
    """(reason label, category label) pairs, shown next to the closing form."""
    categories = dict(ExitCategory.choices)
    return [(label, categories[EXIT_CATEGORY_OF[value]]) for value, label in ExitReason.choices]


class PassForm(forms.Form):
    number = forms.CharField(label="Numéro de PASS IAE", max_length=20)
    start = PlausibleDateField(
        label="Début", widget=DATE_INPUT, help_text="La fin est calculée : deux ans plus tard."
    )


class PassChangeForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=PassChangeKind.choices)
    start = PlausibleDateField(label="Du", widget=DATE_INPUT)
    end = PlausibleDateField(label="Au", widget=DATE_INPUT)
    reason = forms.CharField(label="Motif", max_length=255)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "La date de fin doit suivre la date de début.")
        return data


class ReferentForm(forms.Form):
    referent = UserChoiceField(label="Nouveau·elle référent·e", queryset=None)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = members_of_organization(organization)


def organizations_joining_teams():
    """The organizations whose kind may join a pathway team (`access.policy`): never an
    employer, an employer group, a coordinator or a funder."""
    return Organization.objects.filter(kind__in=kinds_joining_teams()).order_by("name", "id")


class TeamOrganizationForm(forms.Form):
    """First step of adding a professional: their organization, among those that may
    join a team."""

    organization = forms.ModelChoiceField(
        label="Organisation du·de la professionnel·le",
        queryset=None,
        help_text="Structures d'accompagnement et services partenaires (vue de l'équipe), "
        "prescripteurs (grandes étapes seulement). Jamais un employeur.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_joining_teams()


class TeamMemberForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "Cette organisation ne peut pas rejoindre l'équipe "
            "d'accompagnement (jamais un employeur, un coordinateur ou un financeur)."
        },
    )
    user = UserChoiceField(label="Professionnel·le", queryset=None)
    role = forms.ChoiceField(label="Rôle", choices=TeamRole.choices)
    access_until = PlausibleDateField(
        label="Accès jusqu'au",
        required=False,
        widget=DATE_INPUT,
        help_text="Laissez vide pour un accès sans date de fin.",
    )

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        joining = organizations_joining_teams()
        self.fields["organization"].queryset = joining
        chosen = None
        if organization is not None and joining.filter(pk=organization.pk).exists():
            chosen = organization
        if chosen is None and self.is_bound:
            raw = self.data.get(self.add_prefix("organization"))
            chosen = joining.filter(pk=raw).first() if str(raw or "").isdigit() else None
        self.chosen = chosen
        if chosen is not None:
            self.initial.setdefault("organization", chosen.pk)
        self.fields["user"].queryset = (
            members_of_organization(chosen) if chosen else get_user_model().objects.none()
        )
        if chosen is not None:
            # Said before the seat is given: a prescriber's seat shows the milestones only.
            sees = (
                "verra tout le dossier"
                if chosen.kind in kinds_with(Capability.JOIN_TEAMS)
                else "verra les grandes étapes seulement (pas les notes, le plan ni les freins)"
            )
            self.fields["user"].help_text = f"Au titre de {chosen}, la personne ajoutée {sees}."

    def clean(self):
        data = super().clean()
        # The organization is a hidden field: its error would show next to no input.
        for error in self.errors.pop("organization", []):
            self.add_error(None, error)
        return data


class EligibilityForm(forms.Form):
    level1 = forms.MultipleChoiceField(
        label="Critères de niveau 1",
        choices=Level1.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    level2 = forms.MultipleChoiceField(
        label="Critères de niveau 2",
        choices=Level2.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    made_on = PlausibleDateField(label="Réalisé le", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"made_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if not data.get("level1") and not data.get("level2"):
            raise forms.ValidationError("Cochez au moins un critère.")
        return data
