"""Forms of the person pages. They parse and check what was typed; the services in
`persons.services` write. Model forms are built without the person as instance so that a
refused form never touches the record shown around it."""

from datetime import date

from django import forms
from django.forms.models import model_to_dict

from jobs.forms import AppellationField
from lib.dates import PlausibleDateField
from lib.phone import check_phone
from pathways.enums import PathwayKind, PathwayState
from persons.enums import ConsentMethod, ConsentPurpose, ContractType
from persons.models import WISH_WORDS_MAX, Experience, Person
from territories.forms import CommuneField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def initial_of(person: Person, form_class) -> dict:
    return model_to_dict(person, fields=form_class._meta.fields)


class IdentityForm(forms.ModelForm):
    commune = CommuneField(
        label="Commune de résidence",
        required=False,
        help_text="Nom ou code postal, puis choisissez dans la liste.",
    )

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "birth_date", "email", "phone", "address", "commune"]
        widgets = {"birth_date": DateInput()}
        field_classes = {"birth_date": PlausibleDateField}
        help_texts = {
            "birth_date": "Format : jj/mm/aaaa.",
            "phone": "Par exemple : 06 12 34 56 78.",
        }

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        check_phone(phone)
        return phone

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date and birth_date.year < 1900:
            raise forms.ValidationError("Saisissez une date de naissance plausible.")
        if birth_date and birth_date >= date.today():
            raise forms.ValidationError("La date de naissance doit être passée.")
        return birth_date


CONSENT_REQUIRED = (
    "Le consentement de la personne est obligatoire. S'il ne peut pas être recueilli "
    "aujourd'hui, cochez « à recueillir au prochain rendez-vous »."
)


def consent_later_field():
    return forms.BooleanField(
        label="Consentement à recueillir au prochain rendez-vous",
        required=False,
        help_text="Si la personne ne peut pas ou ne veut pas encore répondre : le dossier "
        "reste dans votre structure, sans orientation, partage, document ni frein sensible, "
        "jusqu'à ce que le consentement soit enregistré.",
    )


class ConsentOrLaterMixin:
    """The consent given now, or to be collected at the next meeting
    (`persons.consent`): one of the two, never neither."""

    def clean(self):
        data = super().clean()
        if not data.get("consent") and not data.get("consent_later"):
            self.add_error("consent", CONSENT_REQUIRED)
        return data

    @property
    def consent_pending(self) -> bool:
        return bool(self.cleaned_data.get("consent_later")) and not self.cleaned_data.get("consent")


class PersonCreateForm(ConsentOrLaterMixin, IdentityForm):
    consent = forms.BooleanField(
        label="La personne accepte le traitement de ses données pour son accompagnement",
        required=False,
        help_text="Expliquez-lui ce qui sera noté et qui pourra le voir.",
    )
    consent_later = consent_later_field()
    consent_method = forms.ChoiceField(
        label="Consentement recueilli",
        choices=[
            (ConsentMethod.ORAL, ConsentMethod.ORAL.label),
            (ConsentMethod.WRITTEN, ConsentMethod.WRITTEN.label),
        ],
        initial=ConsentMethod.ORAL,
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez comment le consentement a été recueilli."},
    )
    not_duplicate = forms.BooleanField(
        label="Il s'agit d'une autre personne",
        required=False,
        help_text="Cochez si vous avez vérifié que les dossiers signalés ne sont pas le sien.",
    )

    IDENTITY = ["first_name", "last_name", "birth_date", "email", "phone", "address", "commune"]

    def identity(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.IDENTITY}


class SituationForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "education_level",
            "receives_rsa",
            "receives_ass",
            "receives_aah",
            "other_benefits",
            "ft_registered",
            "ft_identifier",
            "ft_registered_since",
            "disabled_worker",
        ]
        widgets = {"ft_registered_since": DateInput()}
        field_classes = {"ft_registered_since": PlausibleDateField}

    def clean(self):
        data = super().clean()
        if not data.get("ft_registered") and (
            data.get("ft_identifier") or data.get("ft_registered_since")
        ):
            self.add_error(
                "ft_registered",
                "Cochez l'inscription à France Travail, ou effacez l'identifiant et la date.",
            )
        return data


class MobilityForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "driving_licence",
            "has_vehicle",
            "moves_by_car",
            "moves_by_public_transport",
            "moves_by_bike",
            "moves_on_foot",
            "max_travel_km",
        ]

    def clean_max_travel_km(self):
        km = self.cleaned_data["max_travel_km"]
        if km is not None and km > 300:
            raise forms.ValidationError("Indiquez une distance de 300 km au plus.")
        return km


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["available_from", "no_nights", "no_weekends", "no_early_mornings"]
        fields += ["no_split_shifts"]
        widgets = {"available_from": DateInput()}
        field_classes = {"available_from": PlausibleDateField}


class WantedWorkForm(forms.Form):
    contract_types = forms.MultipleChoiceField(
        label="Contrats souhaités",
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_per_week = forms.IntegerField(
        label="Heures par semaine souhaitées",
        required=False,
        min_value=1,
        max_value=48,
        error_messages={
            "min_value": "Indiquez au moins 1 heure.",
            "max_value": "Indiquez 48 heures au plus.",
            "invalid": "Indiquez un nombre d'heures.",
        },
    )

    @classmethod
    def initial_of(cls, person: Person) -> dict:
        return {
            "contract_types": person.wanted_contract_types,
            "hours_per_week": person.wanted_hours_per_week,
        }


class WishForm(forms.Form):
    """A wished job: chosen in the ROME, or said in the person's words while no job
    fits yet (it is linked later, on the same form)."""

    appellation = AppellationField(
        label="Métier souhaité (facultatif si vous notez ses mots)",
        required=False,
        help_text="Saisissez quelques lettres, puis choisissez dans la liste.",
    )
    own_words = forms.CharField(
        label="En ses mots",
        required=False,
        max_length=WISH_WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": WISH_WORDS_MAX}),
        help_text=f"Ce que la personne en dit, par exemple « travailler avec les animaux ». "
        f"{WISH_WORDS_MAX} caractères au plus : rien n'est coupé.",
        error_messages={
            "max_length": "Les mots de la personne tiennent en %(limit_value)d caractères au "
            "plus (%(show_value)d saisis) : raccourcissez-les.",
        },
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("appellation") and not data.get("own_words"):
            self.add_error(
                "appellation",
                "Choisissez un métier ou notez le souhait dans les mots de la personne.",
            )
        return data


class ExperienceForm(forms.ModelForm):
    appellation = AppellationField(
        label="Métier",
        required=False,
        help_text="Saisissez quelques lettres, puis choisissez dans la liste ; ou décrivez.",
    )

    class Meta:
        model = Experience
        fields = ["appellation", "description", "employer", "duration_months", "ended_year"]
        fields += ["skills"]
        widgets = {"skills": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if not data.get("appellation") and not data.get("description"):
            self.add_error("description", "Indiquez le métier ou décrivez l'expérience.")
        return data


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label="Objet", choices=ConsentPurpose.choices)
    given = forms.TypedChoiceField(
        label="Réponse de la personne",
        choices=[("yes", "Accordé"), ("no", "Retiré ou refusé")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez si le consentement est accordé ou retiré."},
    )
    method = forms.ChoiceField(label="Recueilli", choices=ConsentMethod.choices)


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="Nom ou prénom", required=False, max_length=100)
    state = forms.ChoiceField(
        label="Étape du parcours",
        required=False,
        choices=[("", "Toutes")] + PathwayState.choices,
    )
    kind = forms.ChoiceField(
        label="Type de parcours", required=False, choices=[("", "Tous")] + PathwayKind.choices
    )
    referent = forms.ChoiceField(
        label="Référent·e",
        required=False,
        choices=[("", "Tout le monde"), ("me", "Moi")],
    )
    commune = CommuneField(label="Commune", required=False)
    appellation = AppellationField(
        label="Métier souhaité",
        required=False,
        help_text="Saisissez quelques lettres, puis choisissez dans la liste.",
    )
    job_scope = forms.ChoiceField(
        label="Métier souhaité : jusqu'où",
        required=False,
        choices=[("", "Ce métier exactement"), ("family", "Toute sa famille de métiers (ROME)")],
    )
    available_by = PlausibleDateField(
        label="Disponible au plus tard le",
        required=False,
        widget=DateInput(),
        help_text="Les personnes sans date de disponibilité notée sont comprises.",
    )
    travel_km = forms.IntegerField(
        label="Se déplace à au moins (km)",
        required=False,
        min_value=1,
        max_value=500,
        error_messages={
            "min_value": "Indiquez au moins 1 km.",
            "max_value": "Indiquez 500 km au plus.",
            "invalid": "Indiquez un nombre de kilomètres.",
        },
    )
    sort = forms.ChoiceField(
        label="Trier par",
        required=False,
        choices=[("name", "Nom"), ("updated", "Dernière mise à jour")],
    )

    def filters(self) -> dict:
        """What `persons.selectors` filters on: the wished job is the appellation, or
        its ROME family when the whole family is asked for."""
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        appellation, scope = data.pop("appellation", None), data.pop("job_scope", "")
        if appellation is not None:
            data["job"] = appellation.rome if scope == "family" else appellation
        return {k: v for k, v in data.items() if k != "q" and v}


class MergeSearchForm(forms.Form):
    q = forms.CharField(label="Nom ou prénom du doublon", required=False, max_length=100)


class MergeConfirmForm(forms.Form):
    duplicate = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="Je confirme que ces deux dossiers sont ceux de la même personne",
        error_messages={"required": "Cochez la confirmation pour fusionner."},
    )
