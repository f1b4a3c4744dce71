"""Immersions in a company (PMSMP: « période de mise en situation en milieu
professionnel »): up to 30 days, no pay, with a tutor in the company and an assessment at
the end. Personal data of the person: seen by those who follow them (Level.TEAM)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel
from immersions.enums import HireProspect, Objective, Outcome, Rating
from persons.models import Person
from retention.scrub import Scrub


class ImmersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Immersions of the persons the user follows (the team, not the prescriber)."""
        return self.filter(person__in=Person.objects.followed_by(user))


class Immersion(AuditedModel):
    audit_redacted = ("assessment", "host_skills", "host_to_work_on", "host_comment")
    # The company, dates, ratings and outcome stay: immersions are counted.
    personal_data_of = "person"
    personal_fields = {
        "tutor_name": Scrub.BLANK,
        "assessment": Scrub.BLANK,
        "host_skills": Scrub.BLANK,
        "host_to_work_on": Scrub.BLANK,
        "host_comment": Scrub.BLANK,
    }

    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="immersions"
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="immersions",
        verbose_name="entreprise",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="structure qui accompagne",
    )
    start_on = models.DateField("début")
    end_on = models.DateField("fin")
    objective = models.CharField("objectif", max_length=10, choices=Objective.choices)
    appellation = models.ForeignKey(
        "jobs.Appellation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="métier découvert",
    )
    tutor_contact = models.ForeignKey(
        "companies.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="tuteur ou tutrice (contact de l'entreprise)",
    )
    tutor_name = models.CharField("tuteur ou tutrice", max_length=150, blank=True)
    # The assessment, at the end
    assessment = models.TextField("bilan", blank=True)
    rating_skills = models.PositiveSmallIntegerField(
        "savoir-faire", choices=Rating.choices, null=True, blank=True
    )
    rating_attitude = models.PositiveSmallIntegerField(
        "savoir-être", choices=Rating.choices, null=True, blank=True
    )
    rating_motivation = models.PositiveSmallIntegerField(
        "motivation", choices=Rating.choices, null=True, blank=True
    )
    outcome = models.CharField(
        "a débouché sur une embauche", max_length=12, choices=Outcome.choices, blank=True
    )
    assessed_at = models.DateTimeField("bilan fait le", null=True, blank=True)
    # The host's end assessment, filled by the company's tutor in the employer space
    # (`immersions.services.host_assessment_record`); the structure reads it.
    host_attendance = models.PositiveSmallIntegerField(
        "assiduité et ponctualité", choices=Rating.choices, null=True, blank=True
    )
    host_skills = models.TextField("savoir-faire observés", blank=True)
    host_attitude = models.PositiveSmallIntegerField(
        "savoir-être (attitude, travail en équipe)", choices=Rating.choices, null=True, blank=True
    )
    host_to_work_on = models.TextField("points à travailler", blank=True)
    host_comment = models.TextField("commentaire libre", blank=True)
    host_hire_prospect = models.CharField(
        "pourrait déboucher sur une embauche",
        max_length=5,
        choices=HireProspect.choices,
        blank=True,
    )
    host_assessed_at = models.DateTimeField("bilan de l'entreprise fait le", null=True, blank=True)
    host_assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="bilan de l'entreprise fait par",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImmersionQuerySet.as_manager()

    class Meta:
        verbose_name = "immersion"
        ordering = ["-start_on", "-id"]
        indexes = [
            models.Index(fields=["person", "-start_on"]),
            # « Résultats »: a structure's immersions started over a period.
            models.Index(fields=["organization", "start_on"], name="immersion_started"),
        ]

    def __str__(self) -> str:
        return (
            f"Immersion chez {self.company} du {self.start_on:%d/%m/%Y} au {self.end_on:%d/%m/%Y}"
        )

    def audit_organization_id(self):
        return self.organization_id

    @property
    def days(self) -> int:
        return (self.end_on - self.start_on).days + 1

    @property
    def tutor(self) -> str:
        if self.tutor_contact_id:
            return self.tutor_contact.name
        return self.tutor_name
