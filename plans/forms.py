"""Forms of the action plan page. The services check everything again."""

from django import forms

from barriers.models import PersonBarrier
from lib.dates import PlausibleDateField, PlausibleDateTimeField
from lib.uploads import DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, accept_attribute, accepted_extensions
from plans.enums import (
    ActionKind,
    ActionStatus,
    Attendance,
    DocumentKind,
    NoteVisibility,
    ObjectiveStatus,
)
from plans.models import Objective
from plans.owners import followers_of, professionals_for, services_for
from plans.services import document_check

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or str(user)


class OwnIdsForm(forms.Form):
    """The plan page shows the five creation forms at once, and some share field names
    (« title », « kind »): each form's ids carry its own prefix, so that every label
    names its own field (a duplicated id ties the label to the first field only)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class ObjectiveForm(OwnIdsForm):
    id_prefix = "objectif"

    title = forms.CharField(label="Objectif", max_length=255)
    is_employment = forms.TypedChoiceField(
        label="Il concerne",
        choices=[("1", "L'emploi (projet professionnel)"), ("0", "La levée d'un frein")],
        coerce=lambda value: value == "1",
        initial="1",
    )
    barrier = forms.ModelChoiceField(
        label="Frein à lever",
        queryset=PersonBarrier.objects.none(),
        required=False,
        empty_label="Aucun en particulier",
        help_text="Pour un objectif de levée de frein.",
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None:
            self.fields["barrier"].queryset = (
                PersonBarrier.objects.filter(person=person).open().select_related("item")
            )


class ObjectiveStatusForm(forms.Form):
    status = forms.ChoiceField(label="Statut", choices=ObjectiveStatus.choices)


class ActionForm(OwnIdsForm):
    id_prefix = "action"

    title = forms.CharField(label="Action", max_length=255)
    kind = forms.ChoiceField(label="Type", choices=ActionKind.choices)
    objective = forms.ModelChoiceField(
        label="Objectif", queryset=Objective.objects.none(), required=False, empty_label="Aucun"
    )
    owner = forms.ChoiceField(
        label="Responsable",
        help_text="Un·e professionnel·le qui suit la personne ou fait partie de son équipe, "
        "un service partenaire vers lequel elle est orientée, ou la personne elle-même.",
        error_messages={"invalid_choice": "Choisissez un·e responsable dans la liste."},
    )
    due_on = PlausibleDateField(label="Échéance", required=False, widget=DATE_INPUT)

    PERSON = "personne"

    def __init__(self, *args, person, user, **kwargs):
        kwargs.setdefault("initial", {"owner": f"u{user.pk}"})
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(
            person=person, status=ObjectiveStatus.OPEN
        )
        self._professionals = {u.pk: u for u in professionals_for(person)}
        self._services = {s.pk: s for s in services_for(person)}
        choices = [
            (
                "Professionnel·les",
                [(f"u{pk}", u.get_full_name() or str(u)) for pk, u in self._professionals.items()],
            )
        ]
        if self._services:
            choices.append(
                (
                    "Services partenaires",
                    [(f"s{pk}", service.name) for pk, service in self._services.items()],
                )
            )
        choices.append((self.PERSON, f"{person} (la personne elle-même)"))
        self.fields["owner"].choices = choices

    def clean_owner(self):
        """The choice, as the service's three owner arguments."""
        value = self.cleaned_data["owner"]
        self.owner_arguments = {"owner": None, "owner_service": None, "owner_is_person": False}
        if value == self.PERSON:
            self.owner_arguments["owner_is_person"] = True
        elif value[:1] == "u":
            self.owner_arguments["owner"] = self._professionals[int(value[1:])]
        else:
            self.owner_arguments["owner_service"] = self._services[int(value[1:])]
        return value


class AppointmentForm(OwnIdsForm):
    id_prefix = "rdv"

    at = PlausibleDateTimeField(label="Date et heure", widget=DATETIME_INPUT)
    subject = forms.CharField(label="Objet", max_length=255)
    place = forms.CharField(label="Lieu", max_length=255, required=False)
    with_user = UserChoiceField(label="Avec", queryset=None)

    def __init__(self, *args, person, user, **kwargs):
        kwargs.setdefault("initial", {"with_user": user.pk})
        super().__init__(*args, **kwargs)
        self.fields["with_user"].queryset = followers_of(person)


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label="Présence", choices=Attendance.choices)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label="Statut", choices=ActionStatus.choices)


class NoteForm(OwnIdsForm):
    id_prefix = "note"

    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 4}))
    visibility = forms.ChoiceField(
        label="Visibilité", choices=NoteVisibility.choices, initial=NoteVisibility.ORGANIZATION
    )


class DocumentForm(OwnIdsForm):
    id_prefix = "document"

    kind = forms.ChoiceField(label="Type de document", choices=DocumentKind.choices)
    file = forms.FileField(
        label="Fichier",
        help_text=(
            f"Formats acceptés : {', '.join(accepted_extensions(DOCUMENT_KINDS))} ; "
            f"{DOCUMENT_MAX_BYTES // (1024 * 1024)} Mo au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(DOCUMENT_KINDS)}),
        error_messages={"required": "Choisissez un fichier.", "empty": "Le fichier est vide."},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        document_check(file)
        return file
