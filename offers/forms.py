"""The guided form (job → constraints → contract and pay → text), the lists' filters, the
public board's search and the « Je suis intéressé·e » form."""

import re

from django import forms
from django.db.models import Q

from companies.models import Company
from jobs.forms import AppellationField
from jobs.models import Appellation, RomeFamily
from lib import form_tokens
from lib.dates import PlausibleDateField
from lib.sensitive_words import CONFIRMATION_LABEL, SensitiveWordsError
from lib.text import check_no_nul
from offers.enums import (
    ContractType,
    DeclineReason,
    IntroductionState,
    OfferState,
    PayUnit,
    PhysicalDemand,
    PublicTransport,
    SchedulePattern,
)
from territories.forms import CommuneField, RadiusField

_SIRET_IN_LABEL = re.compile(r"\((\d{14})\)\s*$")


def company_label(company: Company) -> str:
    return f"{company.name} ({company.siret})"


class CompanyField(forms.CharField):
    """A company of the register typed as text: « Nom (SIRET) » as offered by the
    suggestions, a SIRET, or a name that designates a single company."""

    def prepare_value(self, value):
        return company_label(value) if isinstance(value, Company) else value

    def to_python(self, value):
        check_no_nul(value)
        text = super().to_python(value).strip()
        if not text:
            return None
        match = _SIRET_IN_LABEL.search(text)
        siret = match.group(1) if match else "".join(text.split())
        company = Company.objects.filter(siret=siret).first()
        if company:
            return company
        candidates = list(Company.objects.filter(name__icontains=text).order_by("name")[:6])
        exact = [c for c in candidates if c.name.lower() == text.lower()]
        if len(exact) == 1 or len(candidates) == 1:
            return (exact or candidates)[0]
        if not candidates:
            raise forms.ValidationError(
                f"Aucune entreprise du registre ne correspond à « {text} » : "
                "ajoutez-la d'abord au registre des entreprises."
            )
        names = ", ".join(company_label(c) for c in candidates[:5])
        raise forms.ValidationError(f"Plusieurs entreprises correspondent : précisez ({names}).")


def _checkboxes(choices, label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class OfferJobForm(forms.Form):
    """Step 1: the job, where, and what the person will do."""

    appellation = AppellationField(
        label="Métier", help_text="Tapez quelques lettres et choisissez dans la liste."
    )
    commune = CommuneField(label="Commune du lieu de travail")
    address = forms.CharField(label="Adresse du lieu de travail", required=False, max_length=255)
    tasks = forms.CharField(
        label="Missions",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Une mission par ligne, avec les mots de l'employeur.",
    )
    skills = forms.CharField(
        label="Savoir-faire et savoir-être attendus",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Un par ligne. Facultatif.",
    )

    def __init__(
        self, *args, company_mode="none", companies=None, company_required=False, **kwargs
    ):
        """`company_mode`: "choice" among the employer's own records (a company, a GE
        and its member companies), "search" in the register (a structure writing the
        offer with an employer), "none" when editing (the employer does not change)."""
        self.company_mode = company_mode
        super().__init__(*args, **kwargs)
        if self.company_mode == "choice":
            self.fields["company"] = forms.ModelChoiceField(
                label="Entreprise qui recrute", queryset=companies, empty_label=None
            )
        elif self.company_mode == "search":
            self.fields["company"] = CompanyField(
                label="Entreprise qui recrute",
                required=company_required,
                help_text="Nom ou SIRET, choisi dans le registre des entreprises."
                + ("" if company_required else " Laissez vide si vous recrutez pour vous-même."),
            )
        if "company" in self.fields:
            self.order_fields(["company"])


class OfferConstraintsForm(forms.Form):
    """Step 2: what the job asks, which a person's situation may not allow today."""

    schedule_patterns = _checkboxes(SchedulePattern.choices, "Horaires")
    hours_per_week = forms.IntegerField(
        label="Heures par semaine", required=False, min_value=1, max_value=48
    )
    physical_demands = _checkboxes(PhysicalDemand.choices, "Exigences physiques")
    driving_licence_required = forms.BooleanField(label="Permis B exigé", required=False)
    vehicle_required = forms.BooleanField(
        label="Véhicule personnel exigé",
        required=False,
        help_text="Pour se rendre sur les lieux de travail pendant la journée.",
    )
    written_french_required = forms.BooleanField(
        label="Le poste demande de lire et d'écrire le français",
        required=False,
        help_text="Par exemple : rédiger des courriers, remplir des documents.",
    )
    public_transport = forms.ChoiceField(
        label="Lieu de travail desservi par les transports en commun",
        choices=[("", "Ne sait pas"), *PublicTransport.choices],
        required=False,
    )


class OfferContractForm(forms.Form):
    """Step 3: the contract and the pay, and who the offer is open to."""

    contract_type = forms.ChoiceField(
        label="Type de contrat", choices=[("", "—"), *ContractType.choices]
    )
    duration_months = forms.IntegerField(
        label="Durée (mois)",
        required=False,
        min_value=1,
        max_value=60,
        help_text="Pour un contrat à durée déterminée.",
    )
    start_date = PlausibleDateField(
        label="Date de début",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    positions = forms.IntegerField(label="Nombre de postes", min_value=1, max_value=500, initial=1)
    pay_min = forms.DecimalField(
        label="Salaire minimum (€ brut)", required=False, min_value=0, decimal_places=2
    )
    pay_max = forms.DecimalField(
        label="Salaire maximum (€ brut)", required=False, min_value=0, decimal_places=2
    )
    pay_unit = forms.ChoiceField(label="Salaire exprimé", choices=PayUnit.choices)
    open_to_beginners = forms.BooleanField(label="Accessible sans expérience", required=False)
    open_to_iae = forms.BooleanField(
        label="Ouvert aux personnes en parcours d'insertion (IAE)", required=False
    )
    immersion_possible = forms.BooleanField(
        label="Immersion possible avant l'embauche (PMSMP)", required=False
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("pay_min"), data.get("pay_max")
        if low is not None and high is not None and low > high:
            self.add_error("pay_max", "Le salaire maximum doit être au moins le minimum.")
        contract = data.get("contract_type")
        if contract in (ContractType.CDI, ContractType.CDI_TEMP) and data.get("duration_months"):
            self.add_error("duration_months", "Un CDI n'a pas de durée : laissez ce champ vide.")
        return data


class OfferTextForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    text = forms.CharField(
        label="Texte de l'offre",
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Composé à partir des réponses : retouchez-le si besoin. Une ligne vide "
        "sépare les parties ; les lignes qui commencent par « - » forment une liste.",
    )


class OfferFilterForm(forms.Form):
    etat = forms.ChoiceField(
        label="État", choices=[("", "Tous"), *OfferState.choices], required=False
    )
    metier = AppellationField(label="Métier", required=False)
    entreprise = forms.ModelChoiceField(
        label="Entreprise", queryset=Company.objects.none(), required=False, empty_label="Toutes"
    )

    def __init__(self, *args, companies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if companies is not None:
            self.fields["entreprise"].queryset = companies


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=OfferState.choices)
    comment = forms.CharField(required=False, max_length=255)


class IntroductionForm(forms.Form):
    """The person is chosen among those the ranking puts first for the offer (`ranked`:
    (id, label) pairs), or typed by name among all the people the user follows (`persons`):
    someone outside the top is still one search away."""

    person = forms.ModelChoiceField(
        label="Personne à présenter",
        queryset=None,
        required=False,
        empty_label="Choisissez une personne",
    )
    person_name = forms.CharField(
        label="Ou une autre personne que vous accompagnez",
        required=False,
        max_length=150,
        help_text="Son nom, ou son prénom et son nom.",
    )
    comment = forms.CharField(
        label="Un mot pour l'employeur",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ses atouts pour ce poste. Jamais de santé, de freins ni de situation "
        "personnelle : l'employeur lit ce mot.",
    )

    # Shown once the comment was refused for its words (see lib.sensitive_words).
    confirm_sensitive_words = forms.BooleanField(label=CONFIRMATION_LABEL, required=False)

    def __init__(self, *args, persons, ranked=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.persons = persons
        self.fields["person"].queryset = persons.select_related("commune")
        self.fields["person"].label_from_instance = lambda person: person.chooser_label
        if ranked is not None:
            # Only the first ones are listed; any followed person is still accepted.
            self.fields["person"].choices = [("", "Choisissez une personne"), *ranked]
            self.fields["person"].label = "Personne à présenter (les mieux classées)"

    def clean_person_name(self):
        check_no_nul(self.cleaned_data["person_name"])
        return self.cleaned_data["person_name"].strip()

    def clean(self):
        data = super().clean()
        name = data.get("person_name", "")
        if data.get("person") or self.has_error("person") or self.has_error("person_name"):
            return data
        if not name:
            raise forms.ValidationError("Choisissez la personne à présenter, ou tapez son nom.")
        found = self.persons
        for word in name.split()[:4]:
            found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        found = list(found.select_related("commune").order_by("last_name", "first_name")[:6])
        if not found:
            self.add_error(
                "person_name", f"Aucune personne que vous accompagnez ne s'appelle « {name} »."
            )
        elif len(found) > 1:
            names = " ; ".join(p.chooser_label for p in found[:5])
            self.add_error(
                "person_name", f"Plusieurs personnes correspondent ({names}) : précisez le nom."
            )
        else:
            data["person"] = found[0]
        return data

    @property
    def asks_confirmation(self) -> bool:
        return self.has_error("comment", SensitiveWordsError.code) or bool(
            self["confirm_sensitive_words"].value()
        )


class AnswerForm(forms.Form):
    to_state = forms.ChoiceField(
        label="Réponse",
        choices=[
            (IntroductionState.INTERVIEW, "Je reçois cette personne en entretien"),
            (IntroductionState.HIRED, "J'embauche cette personne"),
            (IntroductionState.DECLINED, "Je ne retiens pas cette candidature"),
        ],
    )
    reason = forms.ChoiceField(
        label="Motif (si vous ne retenez pas cette candidature)",
        choices=[("", "—"), *DeclineReason.choices],
        required=False,
    )
    comment = forms.CharField(label="Commentaire", required=False, max_length=500)
    on = PlausibleDateField(
        label="Date de l'entretien ou de l'embauche (facultative)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("to_state") == IntroductionState.DECLINED and not data.get("reason"):
            self.add_error("reason", "Choisissez le motif.")
        if data.get("to_state") == IntroductionState.DECLINED:
            data["on"] = None
        return data


class IntroductionSendForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique du contact chez l'employeur",
        max_length=254,
        help_text="Il reçoit un lien personnel, valable 30 jours, pour voir la candidature "
        "et répondre sans créer de compte.",
    )


class IntroductionCloseForm(forms.Form):
    to_state = forms.ChoiceField(
        choices=[
            (IntroductionState.WITHDRAWN, "La personne a renoncé"),
            (IntroductionState.CANCELLED, "Annuler la mise en relation"),
        ]
    )
    comment = forms.CharField(label="Commentaire", required=False, max_length=255)


# --- the public board ---------------------------------------------------------------------

_ROME_IN_LABEL = re.compile(r"\(([A-Z]\d{4})\)\s*$")


def family_label(rome: RomeFamily) -> str:
    return f"Tous les métiers : {rome.name} ({rome.code})"


class JobOrFamilyField(AppellationField):
    """A job title, or a whole ROME family (« Tous les métiers : … (D1106) »)."""

    def to_python(self, value):
        check_no_nul(value)
        text = (value or "").strip()
        match = _ROME_IN_LABEL.search(text)
        if match:
            rome = RomeFamily.objects.filter(pk=match.group(1)).first()
            if rome is None:
                raise forms.ValidationError(f"Famille de métiers inconnue : « {text} ».")
            return rome
        return super().to_python(value)


class BoardSearchForm(forms.Form):
    commune = CommuneField(label="Commune", required=False, help_text="Ex. : Trélazé")
    rayon = RadiusField(default_km=30)
    metier = JobOrFamilyField(label="Métier", required=False, help_text="Ex. : vendeur")
    contrat = forms.ChoiceField(
        label="Type de contrat", choices=[("", "Tous"), *ContractType.choices], required=False
    )

    def search_arguments(self) -> dict:
        data = self.cleaned_data
        job = data.get("metier")
        return {
            "commune": data.get("commune"),
            "radius_km": data.get("rayon") or 30,
            "appellation": job if isinstance(job, Appellation) else None,
            "rome": job if isinstance(job, RomeFamily) else None,
            "contract_type": data.get("contrat") or "",
        }


# Spam: a bot fills every field (the honeypot) or posts within seconds of the page.
# The stamp is also the form's one-time token (`lib.form_tokens`): sent twice, it writes
# once.
MIN_FILL_SECONDS = 3
MAX_FILL_SECONDS = 24 * 60 * 60
FORM_PURPOSE = "offer-interest"


def started_stamp() -> str:
    return form_tokens.issue(FORM_PURPOSE)


class InterestForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    email = forms.EmailField(label="Adresse électronique", required=False)
    commune = CommuneField(label="Votre commune", required=False)
    message = forms.CharField(
        label="Votre message",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Vos disponibilités, ce qui vous attire dans ce poste… Facultatif.",
    )
    consent = forms.BooleanField(
        label="J'accepte que mes coordonnées soient transmises à la structure qui porte "
        "cette offre, pour qu'elle me recontacte.",
        error_messages={"required": "Cochez cette case pour que la structure vous recontacte."},
    )
    # Not for people: hidden from view and from assistive technologies.
    website = forms.CharField(label="Ne pas remplir", required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def clean_started(self):
        self.token = form_tokens.read(self.cleaned_data["started"], FORM_PURPOSE)
        if self.token is None or self.token.age() > MAX_FILL_SECONDS:
            raise forms.ValidationError("Le formulaire a expiré : rechargez la page.")
        self.too_fast = self.token.age() < MIN_FILL_SECONDS
        return self.cleaned_data["started"]

    def clean(self):
        data = super().clean()
        if not (data.get("phone", "").strip() or data.get("email")):
            self.add_error("phone", "Indiquez un téléphone ou une adresse électronique.")
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website")) or getattr(self, "too_fast", False)
