"""The events' forms: creating an event (with the drop-in's weekly rule), registering,
the attendance list's visitor, a job dating's slot, the debrief, a document, and the
public page's registration (spam-protected as the other public forms)."""

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from events.enums import EventKind, Weekday
from lib import form_tokens
from organizations.models import Organization
from territories.forms import CommuneField

PUBLIC_FORM_PURPOSE = "event-registration"
MIN_FILL_SECONDS = 3
MAX_FILL_SECONDS = 2 * 60 * 60

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type d'événement",
        choices=[("", "Choisissez un type")] + EventKind.choices,
        error_messages={"required": "Choisissez le type d'événement."},
    )
    title = forms.CharField(
        label="Titre",
        max_length=200,
        error_messages={"required": "Donnez un titre à l'événement."},
    )
    description = forms.CharField(
        label="Description", required=False, max_length=5000, widget=forms.Textarea({"rows": 3})
    )
    day = forms.DateField(
        label="Date (la première séance pour une permanence)",
        widget=DATE,
        error_messages={"required": "Indiquez la date.", "invalid": "Date invalide."},
    )
    start_time = forms.TimeField(
        label="Heure de début",
        widget=TIME,
        error_messages={"required": "Indiquez l'heure de début.", "invalid": "Heure invalide."},
    )
    end_time = forms.TimeField(
        label="Heure de fin",
        widget=TIME,
        error_messages={"required": "Indiquez l'heure de fin.", "invalid": "Heure invalide."},
    )
    commune = CommuneField(label="Commune", required=False, help_text="Par exemple Trélazé.")
    address = forms.CharField(label="Adresse ou salle", required=False, max_length=255)
    online_url = forms.URLField(
        assume_scheme="https",
        label="Lien de la visioconférence (facultatif)",
        required=False,
        error_messages={"invalid": "Saisissez une adresse web complète (https://…)."},
    )
    capacity = forms.IntegerField(
        label="Nombre de places (facultatif)",
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={"invalid": "Saisissez un nombre.", "min_value": "Au moins une place."},
    )
    for_people = forms.BooleanField(label="Ouvert aux personnes accompagnées", required=False)
    for_professionals = forms.BooleanField(label="Ouvert aux professionnels", required=False)
    for_employers = forms.BooleanField(label="Ouvert aux employeurs", required=False)
    is_public = forms.BooleanField(
        label="Inscription en ligne ouverte à tous (page publique)", required=False
    )
    repeats = forms.BooleanField(label="Permanence qui se répète chaque semaine", required=False)
    repeat_interval = forms.IntegerField(
        label="Toutes les … semaines",
        required=False,
        min_value=1,
        max_value=8,
        initial=1,
        error_messages={"invalid": "Saisissez un nombre.", "min_value": "Au moins 1."},
    )
    repeat_until = forms.DateField(
        label="Jusqu'au (facultatif : un an sinon)",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Date invalide."},
    )
    co_organizers = forms.ModelMultipleChoiceField(
        label="Co-organisateurs (facultatif)",
        required=False,
        queryset=None,
        help_text="Les structures partenaires qui organisent avec vous.",
    )

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_organizers"].queryset = partners or Organization.objects.none()

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(datetime.combine(day, end))
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", "La fin doit venir après le début.")
        if data.get("repeats"):
            if data.get("kind") and data["kind"] != EventKind.DROP_IN:
                self.add_error("repeats", "Seules les permanences se répètent chaque semaine.")
            if day and data.get("repeat_until") and data["repeat_until"] < day:
                self.add_error("repeat_until", "La fin doit venir après la première séance.")
            if day and not data.get("repeat_until"):
                data["repeat_until"] = day + timedelta(days=365)
        if not data.get("address") and not data.get("commune") and not data.get("online_url"):
            self.add_error("address", "Indiquez un lieu ou un lien de visioconférence.")
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data["description"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "commune": data["commune"],
            "address": data["address"],
            "online_url": data["online_url"],
            "capacity": data["capacity"],
            "for_people": data["for_people"],
            "for_professionals": data["for_professionals"],
            "for_employers": data["for_employers"],
            "is_public": data["is_public"],
            "repeat_weekday": data["day"].weekday() if data["repeats"] else None,
            "repeat_interval": data.get("repeat_interval") or 1,
            "repeat_until": data["repeat_until"] if data["repeats"] else None,
            "co_organizers": list(data["co_organizers"]),
        }


class EventEditForm(EventForm):
    """What an organizer changes after creation: everything but the kind and the
    organizers, checked as at creation (`EventForm.clean`)."""

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        del self.fields["kind"], self.fields["co_organizers"]

    @property
    def may_repeat(self) -> bool:
        return self.event.kind == EventKind.DROP_IN

    def clean(self):
        self.cleaned_data.update(kind=self.event.kind, co_organizers=[])
        return super().clean()

    def service_arguments(self) -> dict:
        arguments = super().service_arguments()
        del arguments["kind"], arguments["co_organizers"]
        return arguments


def event_form_data(event) -> dict:
    """The edit form's values as the event stands: its initial values, and the base a
    partial change (the API's PATCH) is laid on."""
    starts_at, ends_at = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return {
        "title": event.title,
        "description": event.description,
        "day": starts_at.date(),
        "start_time": starts_at.time(),
        "end_time": ends_at.time(),
        "commune": event.commune.code if event.commune_id else "",
        "address": event.address,
        "online_url": event.online_url,
        "capacity": event.capacity,
        "for_people": event.for_people,
        "for_professionals": event.for_professionals,
        "for_employers": event.for_employers,
        "is_public": event.is_public,
        "repeats": event.is_recurring,
        "repeat_interval": event.repeat_interval,
        "repeat_until": event.repeat_until,
    }


class PersonRegistrationForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Personne que vous accompagnez",
        queryset=None,
        empty_label="Choisissez une personne",
        error_messages={"required": "Choisissez la personne à inscrire."},
    )

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons


class ContactRegistrationForm(forms.Form):
    contact = forms.ModelChoiceField(
        label="Interlocuteur de l'entreprise",
        queryset=None,
        empty_label="Choisissez un interlocuteur",
        error_messages={"required": "Choisissez l'interlocuteur à inscrire."},
    )

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts


class InvitationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label="Organisation à inviter", queryset=None, required=False, empty_label="—"
    )
    company = forms.ModelChoiceField(
        label="Ou une entreprise du club", queryset=None, required=False, empty_label="—"
    )

    def __init__(self, *args, organizations, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["company"].queryset = companies

    def clean(self):
        data = super().clean()
        if bool(data.get("organization")) == bool(data.get("company")):
            raise forms.ValidationError("Choisissez une organisation ou une entreprise.")
        return data


class VisitorForm(forms.Form):
    name = forms.CharField(
        label="Prénom de la personne venue sans inscription",
        max_length=150,
        error_messages={"required": "Notez au moins le prénom."},
    )


class SlotForm(forms.Form):
    company = forms.ModelChoiceField(
        label="Entreprise",
        queryset=None,
        empty_label="Choisissez une entreprise",
        error_messages={"required": "Choisissez l'entreprise."},
    )
    offer = forms.ModelChoiceField(
        label="Offre (facultatif)", queryset=None, required=False, empty_label="—"
    )
    start_time = forms.TimeField(
        label="Heure",
        widget=TIME,
        error_messages={"required": "Indiquez l'heure.", "invalid": "Heure invalide."},
    )
    label = forms.CharField(label="Poste ou sujet", max_length=150, required=False)

    def __init__(self, *args, companies, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["offer"].queryset = offers


class SlotBookingForm(forms.Form):
    registration = forms.ModelChoiceField(
        label="Candidat·e",
        queryset=None,
        empty_label="Choisissez une personne inscrite",
        error_messages={"required": "Choisissez la personne."},
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = registrations
        self.fields["registration"].label_from_instance = lambda r: str(r.person)


class DebriefForm(forms.Form):
    worked = forms.CharField(
        label="Ce qui a fonctionné",
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
    )
    improve = forms.CharField(
        label="Ce qui est à améliorer",
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200, required=False)
    file = forms.FileField(
        label="Photo ou document (PDF, JPG, PNG, DOCX, ODT, 5 Mo au plus)",
        help_text="Aucun document du dossier d'une personne ici.",
        error_messages={"required": "Choisissez un fichier."},
    )


class PublicRegistrationForm(forms.Form):
    name = forms.CharField(
        label="Vos prénom et nom",
        max_length=150,
        error_messages={"required": "Indiquez votre nom."},
    )
    email = forms.EmailField(
        label="Votre adresse électronique",
        required=False,
        error_messages={"invalid": "Saisissez une adresse électronique valide."},
    )
    phone = forms.CharField(label="Votre téléphone", required=False, max_length=30)
    # Left empty by people (it is hidden from them); robots fill every field.
    website = forms.CharField(label="Ne pas remplir ce champ", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        data = super().clean()
        self.token = form_tokens.read(data.get("started") or "", PUBLIC_FORM_PURPOSE)
        if self.token is None or not (MIN_FILL_SECONDS <= self.token.age() <= MAX_FILL_SECONDS):
            self.add_error(
                None,
                "Le formulaire a été envoyé trop vite ou a expiré : relisez-le, puis "
                "envoyez-le à nouveau.",
            )
        if not data.get("email") and not data.get("phone") and not self.has_error("email"):
            self.add_error("email", "Indiquez un téléphone ou une adresse électronique.")
        return data


def public_fill_token() -> str:
    return form_tokens.issue(PUBLIC_FORM_PURPOSE)


WEEKDAYS = dict(Weekday.choices)
