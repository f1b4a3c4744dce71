from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.policy import active_memberships
from audit.tracking import AuditedModel
from lib.lifecycle import TransitionLog
from referrals.enums import Channel, ReferralState, RefusalReason
from referrals.state_machine import LIFECYCLE, OPEN_STATES
from retention.scrub import Scrub


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A referral is seen by the organization that sent it and the one it is addressed
        to; nobody else (not even other structures that follow the same person)."""
        if not user.is_authenticated:
            return self.none()
        organizations = [m.organization_id for m in active_memberships(user)]
        return self.filter(
            Q(from_organization_id__in=organizations) | Q(to_organization_id__in=organizations)
        )

    def open(self):
        return self.filter(state__in=OPEN_STATES)


class Referral(AuditedModel):
    """A person oriented to a structure, by a prescriber (or a partner, or the person
    themself): the structure answers, and the sender sees the answer and the milestones."""

    audit_redacted = ("motivation",)
    personal_data_of = "person"
    personal_fields = {"motivation": Scrub.BLANK, "answer_comment": Scrub.BLANK}
    impersonal_fields = ("reminded_at",)

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="referrals")
    channel = models.CharField(
        "canal", max_length=15, choices=Channel.choices, default=Channel.REFERRAL
    )
    from_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sent_referrals",
        verbose_name="orienté par",
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="prescripteur·rice",
    )
    to_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="received_referrals",
        verbose_name="structure",
    )
    motivation = models.TextField("motif de l'orientation")
    wanted_job = models.ForeignKey(
        "jobs.Appellation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="métier visé",
    )
    # The offer the person asked about, for a referral that came from the public board.
    offer = models.ForeignKey(
        "offers.JobOffer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name="offre",
    )
    eligibility_diagnosis = models.ForeignKey(
        "pathways.EligibilityDiagnosis",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="diagnostic d'éligibilité IAE",
    )
    documents = models.ManyToManyField("plans.Document", blank=True, related_name="+")
    state = models.CharField(
        "état", max_length=12, choices=ReferralState.choices, default=ReferralState.DRAFT
    )
    refusal_reason = models.CharField(
        "motif de refus", max_length=20, choices=RefusalReason.choices, blank=True
    )
    answer_comment = models.TextField("réponse de la structure", blank=True)
    redirected_to = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="redirected_from",
        verbose_name="réorientée vers",
    )
    pathway = models.ForeignKey(
        "pathways.Pathway",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="parcours ouvert",
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    seen_at = models.DateTimeField("vue le", null=True, blank=True)
    answered_at = models.DateTimeField("répondue le", null=True, blank=True)
    reminded_at = models.JSONField(
        "relances envoyées", default=dict, blank=True, help_text="{jours: date}"
    )
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = "orientation"
        ordering = ["-sent_at", "-created_at", "-id"]
        constraints = [
            # At most one open referral of a person to a structure (the service says so in
            # French first; this holds even under a race).
            models.UniqueConstraint(
                fields=["person", "to_organization"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_referral_per_structure",
            )
        ]
        indexes = [
            models.Index(fields=["to_organization", "state", "-sent_at"]),
            models.Index(fields=["from_organization", "state", "-sent_at"]),
            models.Index(fields=["state", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"Orientation de {self.person} vers {self.to_organization}"

    def audit_organization_id(self):
        return self.to_organization_id

    def audit_label(self) -> str:
        return f"Orientation du dossier n° {self.person_id} vers {self.to_organization}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def age_days(self) -> int | None:
        if self.sent_at is None:
            return None
        return (timezone.now() - self.sent_at).days


class ReferralTransition(TransitionLog):
    lifecycle = LIFECYCLE
    personal_data_of = "referral__person"
    personal_fields = {"comment": Scrub.BLANK}

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'une orientation"
        verbose_name_plural = "changements d'état des orientations"


class EndingNotice(models.Model):
    """That the prescriber of a pathway was told, once, that its PASS IAE ends within a
    threshold (90, then 30 days): the periodic job reads these rows not to tell it twice.
    A PASS extended ends on another date, which is told again."""

    personal_data_of = "pathway__person"
    personal_fields: dict = {}

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="ending_notices"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="prescripteur prévenu",
    )
    threshold_days = models.PositiveSmallIntegerField("seuil (jours avant la fin)")
    ends_on = models.DateField("fin annoncée")
    sent_at = models.DateTimeField("envoyé le", default=timezone.now)

    class Meta:
        verbose_name = "avis de fin de PASS IAE au prescripteur"
        verbose_name_plural = "avis de fin de PASS IAE aux prescripteurs"
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "organization", "threshold_days", "ends_on"],
                name="one_ending_notice_per_threshold",
            )
        ]

    def __str__(self) -> str:
        return f"Fin du PASS IAE le {self.ends_on:%d/%m/%Y} ({self.threshold_days} jours)"
