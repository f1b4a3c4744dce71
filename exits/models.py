"""What follows an exit: the check 6 months after it (the person's situation then), and
the review sent to the prescriber who referred the person.

The check's situation, date and channel stay after anonymisation (they are counted);
its comment is personal. The review holds figures and codes only, and the counsellor's
few words, which are personal."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel
from employment.enums import COUNSELLOR_CHANNEL_CHOICES
from exits.enums import Situation
from pathways.enums import ExitCategory, ExitReason
from persons.enums import ContractType
from persons.models import Person
from retention.scrub import Scrub


class PostExitCheckQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Checks of the people the user follows (the team, not the prescriber)."""
        return self.filter(pathway__person__in=Person.objects.followed_by(user))

    def pending(self):
        return self.filter(done_on__isnull=True)

    def due(self, today):
        return self.pending().filter(due_on__lte=today)


class PostExitCheck(AuditedModel):
    """The situation of the person some months after the exit, recorded by the structure
    that closed the pathway. Planned at the exit; due on `due_on`."""

    audit_redacted = ("comment",)
    personal_data_of = "pathway__person"
    personal_fields = {"comment": Scrub.BLANK}

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="post_exit_checks"
    )
    due_on = models.DateField("prévu le")
    done_on = models.DateField("fait le", null=True, blank=True)
    situation = models.CharField("situation", max_length=15, choices=Situation.choices, blank=True)
    channel = models.CharField(
        "moyen", max_length=12, choices=COUNSELLOR_CHANNEL_CHOICES, blank=True
    )
    comment = models.TextField("commentaire", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PostExitCheckQuerySet.as_manager()

    class Meta:
        verbose_name = "suivi après sortie"
        verbose_name_plural = "suivis après sortie"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="post_exit_check_due")]

    def __str__(self) -> str:
        return f"Suivi après sortie du {self.due_on:%d/%m/%Y}"

    def audit_organization_id(self):
        return self.pathway.organization_id


class ExitReviewQuerySet(models.QuerySet):
    def for_prescriber(self, organization):
        return self.filter(referral__from_organization=organization)


class ExitReview(AuditedModel):
    """The end-of-pathway review to the prescriber who referred the person: what was
    done (in figures) and the outcome (codes), with no barrier, health or note in it."""

    audit_redacted = ("note",)
    personal_data_of = "pathway__person"
    personal_fields = {"note": Scrub.BLANK}

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="exit_reviews"
    )
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.CASCADE, related_name="exit_reviews"
    )
    started_on = models.DateField("début du parcours")
    closed_on = models.DateField("sortie le")
    appointments_attended = models.PositiveIntegerField("rendez-vous honorés", default=0)
    actions_done = models.PositiveIntegerField("actions réalisées", default=0)
    barriers_lifted = models.PositiveIntegerField("freins levés", default=0)
    exit_reason = models.CharField("motif de sortie", max_length=20, choices=ExitReason.choices)
    exit_category = models.CharField(
        "catégorie de sortie", max_length=12, choices=ExitCategory.choices
    )
    contract_type = models.CharField(
        "type de contrat", max_length=20, choices=ContractType.choices, blank=True
    )
    note = models.TextField("mot de la structure", blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField("envoyé le", default=timezone.now)

    objects = ExitReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "bilan de fin de parcours"
        verbose_name_plural = "bilans de fin de parcours"
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Bilan de fin de parcours du {self.closed_on:%d/%m/%Y}"

    def audit_organization_id(self):
        return self.pathway.organization_id

    @property
    def months(self) -> int:
        """Whole months in the pathway (at least one)."""
        days = (self.closed_on - self.started_on).days
        return max(1, round(days / 30.44))
