"""The forms of the cooperation pages. Choices are limited to what the user may pick
(their organizations' area, the group's organizations); the services check again."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from access.policy import active_memberships
from cooperation.access import group_organization_ids
from cooperation.enums import (
    ActionStatus,
    GroupRole,
    PartnershipKind,
    Phase,
    SubsidyStatus,
    Tension,
)
from cooperation.models import Partnership
from cooperation.selectors import (
    group_people_candidates,
    meeting_candidates,
    sheet_event_choices,
    sheet_partnership_choices,
)
from events.models import Event
from lib.uploads import DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, accept_attribute, accepted_extensions
from organizations.enums import KindGroup, kinds_of
from organizations.models import Organization
from territories.models import EPCI, Commune

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REQUIRED = {"required": "Ce champ est obligatoire."}
# A select without a choice says what to choose, not Django's « --------- ».
CHOOSE_ORGANIZATION = "Choisissez une organisation"


def _area_epcis(user):
    codes = set()
    for membership in active_memberships(user):
        organization = membership.organization
        codes |= set(organization.served_epcis.values_list("pk", flat=True))
        if organization.commune_id and organization.commune.epci_id:
            codes.add(organization.commune.epci_id)
    return EPCI.objects.filter(pk__in=codes).order_by("name")


def _area_organizations(user):
    epcis = _area_epcis(user)
    return (
        Organization.objects.filter(Q(commune__epci__in=epcis) | Q(served_epcis__in=epcis))
        .distinct()
        .order_by("name")
    )


class GroupFilterForm(forms.Form):
    q = forms.CharField(label="Nom du groupe", required=False, max_length=100)


class GroupForm(forms.Form):
    name = forms.CharField(label="Nom du groupe", max_length=200, error_messages=REQUIRED)
    description = forms.CharField(
        label="Ce que le groupe cherche à faire",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    epci = forms.ModelChoiceField(
        label="Bassin d'emploi (EPCI)",
        queryset=EPCI.objects.none(),
        empty_label="Choisissez un bassin d'emploi",
        error_messages={**REQUIRED, "invalid_choice": "Choisissez un EPCI de la liste."},
    )
    organizations = forms.ModelMultipleChoiceField(
        label="Organisations membres",
        queryset=Organization.objects.none(),
        required=False,
        help_text="Votre organisation en fait partie d'office.",
        widget=forms.CheckboxSelectMultiple,
    )
    priorities = forms.CharField(
        label="Priorités",
        required=False,
        help_text="Une par ligne.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["epci"].queryset = _area_epcis(user)
        self.fields["organizations"].queryset = _area_organizations(user)

    def clean_priorities(self):
        return [line.strip() for line in self.cleaned_data["priorities"].splitlines() if line]


PRIORITY_MAX = 255


class GroupEditForm(GroupForm):
    """The coordinating organization changes its group: the same fields as at creation,
    with the area as an EPCI or communes (a group may have been started on communes),
    prefilled from the group (`group_form_initial`)."""

    communes = forms.ModelMultipleChoiceField(
        label="Ou des communes",
        queryset=Commune.objects.none(),
        required=False,
        help_text="Celles des bassins de vos organisations.",
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["name", "description", "epci", "communes", "organizations", "priorities"]

    def __init__(self, *args, user, group, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.group = group
        self.fields["epci"].required = False
        self.fields["epci"].queryset = EPCI.objects.filter(
            Q(pk__in=self.fields["epci"].queryset.values("pk")) | Q(pk=group.epci_id)
        ).order_by("name")
        self.fields["communes"].queryset = Commune.objects.filter(
            Q(epci__in=self.fields["epci"].queryset) | Q(pk__in=group.communes.values("pk"))
        ).order_by("name")
        self.fields["organizations"].queryset = Organization.objects.filter(
            Q(pk__in=self.fields["organizations"].queryset.values("pk"))
            | Q(pk__in=group.organizations.values("pk"))
        ).order_by("name")
        self.fields[
            "organizations"
        ].help_text = f"{group.lead_organization}, qui anime le groupe, en fait partie d'office."

    def clean_priorities(self):
        titles = super().clean_priorities()
        too_long = [t for t in titles if len(t) > PRIORITY_MAX]
        if too_long:
            raise forms.ValidationError(
                f"Une priorité tient en {PRIORITY_MAX} caractères au plus : raccourcissez "
                f"« {too_long[0][:40]}… »."
            )
        return titles

    def clean(self):
        data = super().clean()
        if not data.get("epci") and not data.get("communes") and not self.has_error("epci"):
            self.add_error("epci", "Choisissez le bassin d'emploi : un EPCI ou des communes.")
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "epci": data["epci"],
            "communes": list(data["communes"]),
            "organizations": list(data["organizations"]),
            "priorities": data["priorities"],
        }

    def leaving(self) -> list:
        """The member organizations the change removes (they are asked about first)."""
        kept = {o.pk for o in self.cleaned_data["organizations"]}
        kept.add(self.group.lead_organization_id)
        return list(self.group.organizations.exclude(pk__in=kept).order_by("name"))


def group_form_initial(group) -> dict:
    return {
        "name": group.name,
        "description": group.description,
        "epci": group.epci_id,
        "communes": list(group.communes.values_list("pk", flat=True)),
        "organizations": list(group.organizations.values_list("pk", flat=True)),
        "priorities": "\n".join(p.title for p in group.priorities.all()),
    }


def event_label(event) -> str:
    """« Atelier du groupe, le 12/03/2027 à 09:00 (annulé) »."""
    when = timezone.localtime(event.starts_at)
    cancelled = " (annulé)" if event.is_cancelled else ""
    return f"{event.title}, le {when:%d/%m/%Y} à {when:%H:%M}{cancelled}"


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return event_label(obj)


class EventsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return event_label(obj)


class SheetForm(forms.Form):
    title = forms.CharField(label="Intitulé", max_length=200, error_messages=REQUIRED)
    objective = forms.CharField(
        label="Objectif", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    problem = forms.CharField(
        label="Problème auquel elle répond",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    priority = forms.ModelChoiceField(
        label="Priorité", queryset=None, required=False, empty_label="Aucune"
    )
    lead_organization = forms.ModelChoiceField(
        label="Organisation pilote",
        queryset=Organization.objects.none(),
        empty_label=CHOOSE_ORGANIZATION,
        error_messages=REQUIRED,
    )
    due_on = forms.DateField(label="Échéance", required=False, widget=DATE)
    expected_indicators = forms.CharField(
        label="Indicateurs attendus",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    events = EventsChoiceField(
        label="Événements auxquels elle mène",
        queryset=Event.objects.none(),
        required=False,
        help_text="Les réunions du groupe et les événements de l'agenda qu'organisent ses "
        "organisations.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez les événements dans la liste."},
    )
    partnerships = forms.ModelMultipleChoiceField(
        label="Partenariats auxquels elle mène",
        queryset=Partnership.objects.none(),
        required=False,
        help_text="Ceux dont une organisation du groupe est partie.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez les partenariats dans la liste."},
    )
    events_text = forms.CharField(
        label="Autres suites",
        required=False,
        help_text="Ce qui n'est pas encore dans l'agenda : une visite à organiser, une idée "
        "de journée…",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, group, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = group.priorities.all()
        self.fields["lead_organization"].queryset = Organization.objects.filter(
            pk__in=group_organization_ids(group)
        ).order_by("name")
        self.fields["events"].queryset = sheet_event_choices(group)
        self.fields["partnerships"].queryset = sheet_partnership_choices(group)


class GroupMeetingForm(forms.Form):
    """« Ajouter une réunion »: an event the user's organization organises."""

    event = EventChoiceField(
        label="Événement de l'agenda",
        queryset=Event.objects.none(),
        empty_label="Choisissez un événement",
        help_text="Ceux qu'organise votre organisation, pas annulés.",
        error_messages={**REQUIRED, "invalid_choice": "Choisissez un événement de la liste."},
    )

    def __init__(self, *args, group, user, **kwargs):
        kwargs.setdefault("auto_id", "reunion-%s")
        super().__init__(*args, **kwargs)
        field = self.fields["event"]
        field.queryset = meeting_candidates(group, user)
        # Read once for the select and for saying there is none (the POST checks again).
        self.candidates = list(field.queryset)
        field.choices = [
            ("", field.empty_label),
            *((e.pk, event_label(e)) for e in self.candidates),
        ]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class GroupMemberForm(forms.Form):
    """« Ajouter une personne »: someone of the group's organizations, not in it yet."""

    person = PersonChoiceField(
        label="Personne",
        queryset=get_user_model().objects.none(),
        empty_label="Choisissez une personne",
        help_text="Parmi les équipes des organisations membres du groupe.",
        error_messages={**REQUIRED, "invalid_choice": "Choisissez une personne de la liste."},
    )
    role = forms.ChoiceField(
        label="Rôle",
        choices=GroupRole.choices,
        initial=GroupRole.PARTICIPANT,
        error_messages={**REQUIRED, "invalid_choice": "Choisissez un rôle dans la liste."},
    )

    def __init__(self, *args, group, **kwargs):
        kwargs.setdefault("auto_id", "personne-%s")
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = group_people_candidates(group).exclude(
            pk__in=group.people.values("user_id")
        )
        # Read once for the select and for saying there is none (the POST checks again).
        self.candidates = list(field.queryset)
        field.choices = [
            ("", field.empty_label),
            *((u.pk, field.label_from_instance(u)) for u in self.candidates),
        ]


class SheetMoveForm(forms.Form):
    to_state = forms.CharField(max_length=20)
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SheetActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=255, error_messages=REQUIRED)
    owner_organization = forms.ModelChoiceField(
        label="Portée par",
        queryset=Organization.objects.none(),
        empty_label=CHOOSE_ORGANIZATION,
        error_messages=REQUIRED,
    )
    due_on = forms.DateField(label="Échéance", required=False, widget=DATE)

    def __init__(self, *args, group, **kwargs):
        kwargs.setdefault("auto_id", "action-%s")
        super().__init__(*args, **kwargs)
        self.fields["owner_organization"].queryset = Organization.objects.filter(
            pk__in=group_organization_ids(group)
        ).order_by("name")


class SheetActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Statut",
        choices=ActionStatus.choices,
        error_messages={"invalid_choice": "Choisissez un statut dans la liste."},
    )


class PartnershipFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label="Phase", required=False, choices=[("", "Toutes"), *Phase.choices]
    )
    q = forms.CharField(label="Organisation", required=False, max_length=100)


class PartnershipForm(forms.Form):
    kind = forms.ChoiceField(label="Type de partenariat", choices=PartnershipKind.choices)
    employer = forms.ModelChoiceField(
        label="Employeur ou groupement d'employeurs",
        queryset=Organization.objects.filter(
            kind__in=[*kinds_of(KindGroup.EMPLOYER_GROUP), *kinds_of(KindGroup.COMPANY)]
        ).order_by("name"),
        empty_label=CHOOSE_ORGANIZATION,
        error_messages=REQUIRED,
    )
    structure = forms.ModelChoiceField(
        label="Structure qui accompagne",
        queryset=Organization.objects.filter(
            kind__in=[*kinds_of(KindGroup.INCLUSION_EMPLOYER), *kinds_of(KindGroup.EMPLOYMENT_HUB)]
        ).order_by("name"),
        empty_label=CHOOSE_ORGANIZATION,
        error_messages=REQUIRED,
    )
    started_on = forms.DateField(label="Date de la première rencontre", widget=DATE)
    days_committed = forms.DecimalField(
        label="Jours engagés", min_value=0, max_digits=5, decimal_places=1, initial=3
    )
    notes = forms.CharField(
        label="Notes de la première rencontre",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label="Phase", choices=Phase.choices)
    on = forms.DateField(label="Date", required=False, widget=DATE)
    notes = forms.CharField(
        label="Notes", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "phase-%s")
        super().__init__(*args, **kwargs)


class PartnershipEditForm(forms.Form):
    days_committed = forms.DecimalField(
        label="Jours engagés", min_value=0, max_digits=5, decimal_places=1
    )
    days_used = forms.DecimalField(
        label="Jours consommés", min_value=0, max_digits=5, decimal_places=1
    )
    tensions = forms.MultipleChoiceField(
        label="Tensions relevées",
        choices=Tension.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tensions_notes = forms.CharField(
        label="Analyse des tensions", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    subsidy_amount = forms.DecimalField(
        label="Subvention (euros)", required=False, min_value=0, max_digits=9, decimal_places=2
    )
    subsidy_status = forms.ChoiceField(
        label="État de la subvention",
        required=False,
        choices=[("", "Pas de subvention"), *SubsidyStatus.choices],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "suivi-%s")
        super().__init__(*args, **kwargs)


class PartnershipDocumentForm(forms.Form):
    title = forms.CharField(
        label="Intitulé",
        max_length=200,
        initial="Document d'analyse",
        help_text="Un document du même intitulé en devient la version suivante.",
        error_messages=REQUIRED,
    )
    file = forms.FileField(
        label="Fichier",
        help_text=(
            f"Formats acceptés : {', '.join(accepted_extensions(DOCUMENT_KINDS))} ; "
            f"{DOCUMENT_MAX_BYTES // (1024 * 1024)} Mo au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(DOCUMENT_KINDS)}),
        error_messages={"required": "Choisissez un fichier.", "empty": "Le fichier est vide."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "document-%s")
        super().__init__(*args, **kwargs)
