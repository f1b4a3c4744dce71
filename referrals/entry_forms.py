"""Forms of the ways in: the referral itself, the drop-in session, outreach by a partner
and the public application. They parse and check; `referrals.services` and
`referrals.entry` write."""

from django import forms

from jobs.forms import AppellationField
from lib import form_tokens
from lib.uploads import DOCUMENT_MAX_BYTES, accept_attribute, accepted_extensions
from persons.forms import ConsentOrLaterMixin, IdentityForm, consent_later_field
from plans.enums import DocumentKind
from plans.models import Document
from plans.services import document_check

MOTIVATION_REQUIRED = "Expliquez en quelques mots pourquoi vous orientez la personne."


# New documents sent with a referral (a CV, an ID, a certificate): a few at most.
ATTACHMENT_SLOTS = 2
UPLOAD_HELP = (
    f"Formats acceptés : {', '.join(accepted_extensions())} ; "
    f"{DOCUMENT_MAX_BYTES // (1024 * 1024)} Mo au plus. La structure le lira une fois "
    "l'orientation acceptée ; vous ne le verrez plus."
)


class ReferralForm(forms.Form):
    motivation = forms.CharField(
        label="Motif de l'orientation",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Le projet de la personne, sa situation, ce que vous attendez de la structure.",
        error_messages={"required": MOTIVATION_REQUIRED},
    )
    appellation = AppellationField(
        label="Métier visé",
        required=False,
        help_text="Saisissez quelques lettres, puis choisissez dans la liste.",
    )
    attach_diagnosis = forms.BooleanField(
        label="Joindre le diagnostic d'éligibilité IAE", required=False, initial=True
    )
    documents = forms.ModelMultipleChoiceField(
        label="Documents à joindre",
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, documents=None, wishes=(), **kwargs):
        wishes = [wish.appellation for wish in wishes if wish.appellation_id]
        if wishes:
            kwargs.setdefault("initial", {}).setdefault("appellation", wishes[0])
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["documents"].queryset = documents
        if wishes:
            names = ", ".join(appellation.name for appellation in wishes)
            self.fields["appellation"].help_text = (
                f"Son premier métier souhaité, que vous pouvez changer. Ses métiers "
                f"souhaités : {names}."
            )
        for slot in range(1, ATTACHMENT_SLOTS + 1):
            self.fields[f"file_{slot}"] = forms.FileField(
                label=f"Nouveau document {slot}",
                required=False,
                help_text=UPLOAD_HELP,
                widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
                error_messages={"empty": "Le fichier est vide."},
            )
            self.fields[f"kind_{slot}"] = forms.ChoiceField(
                label=f"Type du document {slot}",
                choices=[("", "—"), *DocumentKind.choices],
                required=False,
            )

    def clean(self):
        data = super().clean()
        for slot in range(1, ATTACHMENT_SLOTS + 1):
            file = data.get(f"file_{slot}")
            if not file:
                continue
            try:
                document_check(file)
            except forms.ValidationError as error:
                self.add_error(f"file_{slot}", error)
                continue
            if not data.get(f"kind_{slot}"):
                self.add_error(f"kind_{slot}", "Choisissez le type du document.")
        return data

    def attachment_slots(self):
        """[(file field, kind field)] for the template."""
        return [
            (self[f"file_{slot}"], self[f"kind_{slot}"]) for slot in range(1, ATTACHMENT_SLOTS + 1)
        ]

    def uploads(self) -> list[tuple[str, object]]:
        """(kind, file) of each new document sent. Call after `is_valid()`."""
        return [
            (self.cleaned_data[f"kind_{slot}"], self.cleaned_data[f"file_{slot}"])
            for slot in range(1, ATTACHMENT_SLOTS + 1)
            if self.cleaned_data.get(f"file_{slot}")
        ]


class QuickIdentityForm(IdentityForm):
    """Who the person is, in the few fields a drop-in session or a street encounter
    allows: names, birth date, a way to reach them, where they live."""

    class Meta(IdentityForm.Meta):
        fields = ["first_name", "last_name", "birth_date", "phone", "email", "commune"]

    IDENTITY = ["first_name", "last_name", "birth_date", "phone", "email", "commune"]

    def identity(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.IDENTITY}


class DuplicateChoiceMixin(forms.Form):
    """After the duplicate check: « new » or the number of the record to use."""

    duplicate_choice = forms.CharField(required=False, widget=forms.HiddenInput)


CONSENT = {
    "label": "La personne accepte le traitement de ses données pour son accompagnement",
    "help_text": "Obligatoire : expliquez-lui ce qui sera noté et qui pourra le voir.",
    "error_messages": {"required": "Le consentement de la personne est obligatoire."},
}


class WalkInForm(ConsentOrLaterMixin, QuickIdentityForm, DuplicateChoiceMixin):
    looking_for = forms.CharField(
        label="Ce que la personne recherche",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="En ses mots : un métier, une formation, de l'aide pour…",
        error_messages={"required": "Notez en quelques mots ce que la personne recherche."},
    )
    appellation = AppellationField(
        label="Métier souhaité (facultatif)",
        required=False,
        help_text="Saisissez quelques lettres, puis choisissez dans la liste.",
    )
    consent = forms.BooleanField(**{**CONSENT, "required": False})
    consent_later = consent_later_field()


class OutreachForm(QuickIdentityForm, DuplicateChoiceMixin):
    motivation = forms.CharField(
        label="Pourquoi orienter cette personne",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Comment vous l'avez rencontrée, ce qu'elle cherche, ce qui presse.",
        error_messages={"required": MOTIVATION_REQUIRED},
    )
    appellation = AppellationField(
        label="Métier souhaité (facultatif)",
        required=False,
        help_text="Saisissez quelques lettres, puis choisissez dans la liste.",
    )
    consent = forms.BooleanField(**CONSENT)


# --- The public application: spam protection ------------------------------------------

MIN_FILL_SECONDS = 3  # a person reads and types for longer than that; a robot does not
MAX_FILL_SECONDS = 2 * 60 * 60
FORM_PURPOSE = "self-referral"


def fill_token() -> str:
    """The form's one-time token: when it was shown, signed (the visitor cannot make it
    older), and a nonce that a successful submit uses up."""
    return form_tokens.issue(FORM_PURPOSE)


class SelfReferralForm(QuickIdentityForm):
    message = forms.CharField(
        label="Votre message",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce que vous recherchez (un métier, un accompagnement), vos disponibilités.",
        error_messages={"required": "Dites en quelques mots ce que vous recherchez."},
    )
    consent = forms.BooleanField(
        label="J'accepte que la structure enregistre ces informations pour me répondre et "
        "m'accompagner",
        error_messages={"required": "Cochez la case pour que la structure puisse vous répondre."},
    )
    # Left empty by people (it is hidden from them); robots fill every field.
    website = forms.CharField(label="Ne pas remplir ce champ", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].label = "Votre commune"
        self.fields["commune"].help_text = "Son nom ou son code postal, par exemple Trélazé."
        for name, label in (
            ("first_name", "Votre prénom"),
            ("last_name", "Votre nom"),
            ("birth_date", "Votre date de naissance (facultatif)"),
            ("phone", "Votre téléphone"),
            ("email", "Votre adresse électronique"),
        ):
            self.fields[name].label = label

    @property
    def is_spam(self) -> bool:
        """A robot filled the hidden field. Call after `is_valid()`."""
        return bool(self.cleaned_data.get("website"))

    def _filled_in_human_time(self) -> bool:
        self.token = form_tokens.read(self.cleaned_data.get("started") or "", FORM_PURPOSE)
        return self.token is not None and MIN_FILL_SECONDS <= self.token.age() <= MAX_FILL_SECONDS

    def clean(self):
        data = super().clean()
        if not self._filled_in_human_time():
            self.add_error(
                None,
                "Le formulaire a été envoyé trop vite ou a expiré : relisez-le, puis "
                "envoyez-le à nouveau.",
            )
        if not data.get("phone") and not data.get("email") and not self.has_error("phone"):
            self.add_error(
                "phone", "Indiquez un téléphone ou une adresse électronique pour la réponse."
            )
        return data
