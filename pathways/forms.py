"""Forms of the pathway pages. Choices come from the state machine, the eligibility
rules and the organization acting; the services check everything again."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.policy import Capability, kinds_joining_teams, kinds_with
from lib.dates import PlausibleDateField
from organizations.enums import KindGroup, kinds_of
from organizations.models import Organization
from pathways import pass_iae, state_machine
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
    review_note = forms.CharField(
        label="Mot pour le prescripteur (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Joint au bilan de fin de parcours envoyé à qui a orienté la personne : "
        "rien de la santé ni de la situation personnelle.",
    )

    def __init__(self, *args, pathway, proposal=None, prescriber=None, **kwargs):
        """`proposal`: the exit the facts point to (`employment.exits`), offered first;
        `prescriber`: the organization that referred the person, told of the exit."""
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["to_state"].choices = moves_by_hand(pathway.state)
        if prescriber is None:
            del self.fields["review_note"]
        else:
            self.fields[
                "review_note"
            ].label = f"Mot pour {prescriber}, joint au bilan de fin de parcours (facultatif)"
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


def moves_by_hand(state: str) -> list[tuple[str, str]]:
    """The moves the form offers: the lifecycle's, but for the follow-up after the exit,
    which starts at the exit and ends with its check (`exits`)."""
    return [
        (target, label)
        for target, label in state_machine.LIFECYCLE.options(state)
        if target != PathwayState.POST_EXIT
        and not (state == PathwayState.POST_EXIT and target == PathwayState.CLOSED)
    ]


def exit_categories_by_reason() -> list[tuple[str, str]]:
    """(reason label, category label) pairs, shown next to the closing form."""
    categories = dict(ExitCategory.choices)
    return [(label, categories[EXIT_CATEGORY_OF[value]]) for value, label in ExitReason.choices]


class PassForm(forms.Form):
    number = forms.CharField(
        label="Numéro de PASS IAE",
        max_length=20,
        help_text="12 chiffres, par exemple 99999 24 12345 (les espaces sont acceptés).",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    start = PlausibleDateField(
        label="Début",
        widget=DATE_INPUT,
        help_text="La fin est calculée : deux ans moins un jour, sur le calendrier.",
    )

    def clean_number(self):
        try:
            return pass_iae.check_number(self.cleaned_data["number"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


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


class KindCorrectionForm(forms.Form):
    kind = forms.ChoiceField(label="Type de parcours corrigé", choices=PathwayKind.choices)
    reason = forms.CharField(
        label="Pourquoi cette correction",
        max_length=255,
        widget=forms.TextInput(attrs={"maxlength": 255}),
        help_text="255 caractères au plus. Gardé dans la chronologie et le journal.",
        error_messages={
            "required": "Indiquez pourquoi vous corrigez le type du parcours.",
            "max_length": "Le motif tient en 255 caractères au plus (%(show_value)d saisis).",
        },
    )

    def __init__(self, *args, pathway, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in PathwayKind.choices if value != pathway.kind
        ]


class SasHandoverForm(forms.Form):
    """Where the Sas IAE hands over: its own structure (first) or an inclusion employer."""

    organization = forms.ModelChoiceField(
        label="Structure du parcours IAE",
        queryset=None,
        empty_label=None,
        help_text="Une autre structure reçoit la personne orientée par la vôtre, qui suit "
        "alors les grandes étapes ; elle désigne son·sa référent·e.",
    )
    started_on = PlausibleDateField(label="Entrée en parcours IAE le", widget=DATE_INPUT)
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        help_text="1 000 caractères au plus.",
    )

    def __init__(self, *args, pathway, **kwargs):
        kwargs.setdefault("initial", {"started_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        employers = Organization.objects.filter(
            kind__in=kinds_of(KindGroup.INCLUSION_EMPLOYER)
        ).exclude(pk=pathway.organization_id)
        own = Organization.objects.filter(pk=pathway.organization_id)
        self.fields["organization"].queryset = (own | employers).order_by("name", "id")
        self.fields["organization"].initial = pathway.organization_id
        self.fields["organization"].label_from_instance = lambda o: (
            f"{o.name} (votre structure)" if o.pk == pathway.organization_id else o.name
        )
