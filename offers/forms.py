"""The guided form (job → constraints → contract and pay → text), the lists' filters, the
public board's search and the « Je suis intéressé·e » form."""

import re

from django import forms
from django.db.models import Q

from companies.models import Company
from jobs.forms import CODE_IN_LABEL, AppellationField
from jobs.models import Appellation, RomeFamily
from lib import form_tokens
from lib.dates import PlausibleDateField
from lib.sensitive_words import CONFIRMATION_LABEL, SensitiveWordsError
from lib.text import check_no_nul
from offers.enums import (
    ContractType,
    DeclineReason,
    InterestAnswer,
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
    suggestions, a SIRET, or a name that designates a single company.

    `queryset`: where to look (the whole register by default); `not_found`: the message
    when nothing matches, with `{text}` for what was typed. `by_id`: a plain number is
    also a company's id (the list filters' links before they took names)."""

    def __init__(self, *args, queryset=None, not_found=None, by_id=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = queryset
        self.not_found = not_found or (
            "Aucune entreprise du registre ne correspond à « {text} » : "
            "ajoutez-la d'abord au registre des entreprises."
        )
        self.by_id = by_id

    def prepare_value(self, value):
        return company_label(value) if isinstance(value, Company) else value

    def to_python(self, value):
        check_no_nul(value)
        text = super().to_python(value).strip()
        if not text:
            return None
        companies = self.queryset if self.queryset is not None else Company.objects.all()
        if self.by_id and text.isdigit() and len(text) < 14:
            company = companies.filter(pk=int(text)).first()
            if company:
                return company
        match = _SIRET_IN_LABEL.search(text)
        siret = match.group(1) if match else "".join(text.split())
        company = companies.filter(siret=siret).first()
        if company:
            return company
        candidates = list(companies.filter(name__icontains=text).order_by("name")[:6])
        exact = [c for c in candidates if c.name.lower() == text.lower()]
        if len(exact) == 1 or len(candidates) == 1:
            return (exact or candidates)[0]
        if not candidates:
            raise forms.ValidationError(self.not_found.format(text=text))
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
    training_provided = forms.BooleanField(
        label="Nous formons et accompagnons la personne à son arrivée",
        help_text="Le texte de l'offre ne le promet que si vous cochez cette case.",
        required=False,
    )
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
    # Typed with suggestions, not a list to scroll: a structure's offers may be at
    # hundreds of companies, and a select of them all was read and written on every
    # opening of the list.
    entreprise = CompanyField(
        label="Entreprise",
        required=False,
        help_text="Nom ou SIRET, choisi dans les suggestions.",
        queryset=Company.objects.none(),
        not_found="Aucune de vos offres n'est chez une entreprise correspondant à « {text} ».",
        by_id=True,
    )

    def __init__(self, *args, companies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if companies is not None:
            self.fields["entreprise"].queryset = companies


FILLED_ELSEWHERE = "ailleurs"


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=OfferState.choices)
    comment = forms.CharField(required=False, max_length=255)
    # « Pourvue »: the id of the introduction of the person hired, or FILLED_ELSEWHERE.
    embauche = forms.CharField(required=False, max_length=20)

    def clean_embauche(self):
        value = self.cleaned_data["embauche"].strip()
        if value and value != FILLED_ELSEWHERE and not value.isdigit():
            raise forms.ValidationError("Choisissez une personne de la liste.")
        return value

    def hire(self) -> dict:
        """The service's arguments for who was hired."""
        value = self.cleaned_data.get("embauche", "")
        return {
            "hired_introduction_id": int(value) if value.isdigit() else None,
            "filled_elsewhere": value == FILLED_ELSEWHERE,
        }


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


class JobSearchField(forms.CharField):
    """The board's « Métier »: a suggestion taken as it is (a job title or a whole family,
    with its code), or any words, which the board searches in the offers (« vente »,
    « ménage », « préparateur de commandes »): it never asks to pick one job."""

    def __init__(self, **kwargs):
        super().__init__(max_length=200, **kwargs)

    def to_python(self, value):
        check_no_nul(value)
        text = super().to_python(value).strip()
        family = _ROME_IN_LABEL.search(text)
        if family:
            rome = RomeFamily.objects.filter(pk=family.group(1)).first()
            if rome is None:
                raise forms.ValidationError(f"Famille de métiers inconnue : « {text} ».")
            return rome
        code = CODE_IN_LABEL.search(text)
        if code or text.isdigit():
            appellation = Appellation.objects.filter(pk=code.group(1) if code else text).first()
            if appellation is None and code:
                raise forms.ValidationError(f"Métier inconnu : « {text} ».")
            if appellation is not None:
                return appellation
        return text

    def validate(self, value):
        if isinstance(value, str):
            super().validate(value)

    def run_validators(self, value):
        if isinstance(value, str):
            super().run_validators(value)


class BoardSearchForm(forms.Form):
    commune = CommuneField(label="Commune", required=False, help_text="Ex. : Trélazé")
    rayon = RadiusField(default_km=30)
    metier = JobSearchField(
        label="Métier ou mots-clés", required=False, help_text="Ex. : vendeur, ménage, cariste"
    )
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
            "text": job if isinstance(job, str) else "",
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


class InterestAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Votre réponse",
        choices=InterestAnswer.choices,
        error_messages={
            "required": "Choisissez votre réponse.",
            "invalid_choice": "Choisissez votre réponse dans la liste.",
        },
    )
