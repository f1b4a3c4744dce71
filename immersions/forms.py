from django import forms

from companies.forms import DATE, DATE_ERRORS
from companies.models import Company
from immersions.enums import HireProspect, Outcome, Rating
from immersions.models import Immersion
from jobs.forms import AppellationField
from lib.dates import PlausibleDateField


class ImmersionForm(forms.ModelForm):
    company = forms.ModelChoiceField(
        label="Entreprise",
        queryset=Company.objects.none(),
        error_messages={
            "required": "Choisissez l'entreprise d'accueil.",
            "invalid_choice": "Choisissez une entreprise du registre.",
        },
    )
    start_on = PlausibleDateField(
        label="Début", widget=DATE, error_messages={**DATE_ERRORS, "required": "Indiquez le début."}
    )
    end_on = PlausibleDateField(
        label="Fin",
        widget=DATE,
        help_text="30 jours au plus après le début.",
        error_messages={**DATE_ERRORS, "required": "Indiquez la fin."},
    )
    appellation = AppellationField(
        label="Métier découvert",
        required=False,
        help_text="Saisissez quelques lettres, puis choisissez dans la liste.",
    )

    class Meta:
        model = Immersion
        fields = [
            "company",
            "start_on",
            "end_on",
            "objective",
            "appellation",
            "tutor_contact",
            "tutor_name",
        ]
        error_messages = {"objective": {"required": "Choisissez l'objectif de l'immersion."}}

    def __init__(self, *args, companies, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["tutor_contact"].queryset = contacts
        self.fields["tutor_contact"].empty_label = "Aucun de nos contacts"
        self.fields["tutor_contact"].label_from_instance = lambda c: f"{c.name} — {c.company.name}"
        self.fields["tutor_name"].help_text = "Si le tuteur n'est pas un de vos contacts."

    def clean(self):
        data = super().clean()
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", "La fin de l'immersion ne peut pas précéder son début.")
        contact = data.get("tutor_contact")
        company = data.get("company")
        if contact and company and contact.company_id != company.pk:
            self.add_error("tutor_contact", "Ce contact ne travaille pas dans cette entreprise.")
        return data


class AssessmentForm(forms.ModelForm):
    outcome = forms.ChoiceField(
        label="A débouché sur une embauche",
        choices=[("", "Pas encore de réponse")] + list(Outcome.choices),
        required=False,
    )

    class Meta:
        model = Immersion
        fields = ["assessment", "rating_skills", "rating_attitude", "rating_motivation", "outcome"]
        widgets = {"assessment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("rating_skills", "rating_attitude", "rating_motivation"):
            self.fields[name].choices = [("", "Non évalué")] + list(Rating.choices)
        self.fields["assessment"].label = "Bilan"
        self.fields[
            "assessment"
        ].help_text = "Ce que la personne et le tuteur retiennent de l'immersion."


class HostAssessmentForm(forms.ModelForm):
    """The host's end assessment: short and structured, then free text."""

    host_hire_prospect = forms.ChoiceField(
        label="Cette immersion pourrait-elle déboucher sur une embauche ?",
        choices=HireProspect.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Dites si l'immersion pourrait déboucher sur une embauche.",
            "invalid_choice": "Choisissez oui, peut-être ou non.",
        },
    )

    class Meta:
        model = Immersion
        fields = [
            "host_attendance",
            "host_attitude",
            "host_skills",
            "host_to_work_on",
            "host_comment",
            "host_hire_prospect",
        ]
        widgets = {
            "host_skills": forms.Textarea(attrs={"rows": 3}),
            "host_to_work_on": forms.Textarea(attrs={"rows": 3}),
            "host_comment": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "host_attendance": "Assiduité et ponctualité",
            "host_attitude": "Savoir-être (attitude, travail en équipe)",
            "host_skills": "Savoir-faire observés",
            "host_to_work_on": "Points à travailler",
            "host_comment": "Commentaire libre",
        }
        help_texts = {
            "host_skills": "Les gestes et tâches que la personne a su faire.",
            "host_to_work_on": "Ce qui l'aiderait à progresser vers ce métier.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("host_attendance", "host_attitude"):
            self.fields[name].choices = [("", "Non évalué")] + list(Rating.choices)
        for name in ("host_skills", "host_to_work_on", "host_comment"):
            self.fields[name].max_length = 2000
            self.fields[name].widget.attrs["maxlength"] = 2000
