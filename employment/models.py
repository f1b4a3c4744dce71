"""Employment: the contract a person signs during a pathway, its changes (kept as rows,
never overwritten), its lifecycle, the dual follow-up (checkpoints, each with an
employee side and an employer side) and the alerts it raises for the referent.

Personal data of the person, seen by those who follow them (Level.TEAM). The contract's
type, dates, hours and end reason stay after anonymisation: placements are counted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.tracking import AuditedModel
from employment.enums import (
    AlertKind,
    BreakReason,
    ChangeKind,
    Channel,
    ContractState,
    ContractType,
    HowItGoes,
    Side,
    Step,
)
from employment.followup import default_steps
from employment.state_machine import LIFECYCLE
from lib.lifecycle import TransitionLog
from persons.models import Person
from retention.scrub import Scrub

# Contract types with no planned end.
OPEN_ENDED = (ContractType.CDI, ContractType.CDI_TEMP)


class ContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Contracts of the persons the user follows (the team, not the prescriber)."""
        return self.filter(person__in=Person.objects.followed_by(user))

    def running(self):
        return self.filter(state=ContractState.RUNNING)


class Contract(AuditedModel):
    personal_data_of = "person"
    personal_fields = {
        "end_comment": Scrub.BLANK,
        "pass_number": Scrub.BLANK,
        "employer_contact_email": Scrub.BLANK,
    }
    impersonal_fields = ("checkpoint_steps",)

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="contracts")
    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="contracts"
    )
    # The employer: a company of the register, or an inclusion employer (exactly one).
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name="entreprise",
    )
    employer_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employment_contracts",
        verbose_name="employeur inclusif",
    )
    offer = models.ForeignKey(
        "offers.JobOffer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
        verbose_name="offre",
    )
    introduction = models.ForeignKey(
        "offers.Introduction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
        verbose_name="mise en relation",
    )
    # The current terms; each change is a ContractChange row with the terms before it.
    contract_type = models.CharField("type de contrat", max_length=12, choices=ContractType.choices)
    start_date = models.DateField("début")
    end_date = models.DateField(
        "fin prévue", null=True, blank=True, help_text="Vide pour un contrat sans terme (CDI)."
    )
    hours_per_week = models.DecimalField("heures par semaine", max_digits=4, decimal_places=1)
    trial_end = models.DateField("fin de la période d'essai", null=True, blank=True)
    is_iae = models.BooleanField("contrat IAE", default=False)
    pass_number = models.CharField("sous le PASS IAE n°", max_length=20, blank=True)
    state = models.CharField(
        "état", max_length=10, choices=ContractState.choices, default=ContractState.RUNNING
    )
    ended_on = models.DateField("fin effective", null=True, blank=True)
    break_reason = models.CharField(
        "motif de la rupture", max_length=20, choices=BreakReason.choices, blank=True
    )
    end_comment = models.TextField("commentaire de fin", blank=True)
    # Who, at the employer, receives the link to answer the employer's side of each
    # checkpoint (the last address a counsellor typed; see `selectors.employer_contact`).
    employer_contact_email = models.EmailField("contact chez l'employeur pour le suivi", blank=True)
    # The structure's checkpoint steps when the contract was signed: a later change of its
    # calendar leaves the contracts already signed as they were.
    checkpoint_steps = models.JSONField("étapes du suivi", default=default_steps)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = "contrat"
        verbose_name_plural = "contrats"
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False, employer_organization__isnull=True)
                | Q(company__isnull=True, employer_organization__isnull=False),
                name="contract_one_employer",
            )
        ]
        indexes = [
            # The worklist: running contracts ending soon.
            models.Index(fields=["state", "end_date"], name="contract_state_end"),
        ]

    def __str__(self) -> str:
        return f"{self.get_contract_type_display()} chez {self.employer}"

    @property
    def employer(self):
        return self.company or self.employer_organization

    def audit_organization_id(self):
        return self.pathway.organization_id

    def audit_label(self) -> str:
        return f"{self.get_contract_type_display()} du dossier n° {self.person_id}"


class ContractTransition(TransitionLog):
    lifecycle = LIFECYCLE
    personal_data_of = "contract__person"
    personal_fields = {"comment": Scrub.BLANK}

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'un contrat"
        verbose_name_plural = "changements d'état des contrats"


class ContractChange(AuditedModel):
    """A renewal, a move to CDI, new hours: the terms before and after, from a date."""

    personal_data_of = "contract__person"
    personal_fields = {"comment": Scrub.BLANK}
    impersonal_fields = ("before", "after")  # the terms: type, end, hours

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("changement", max_length=12, choices=ChangeKind.choices)
    effective_on = models.DateField("à partir du")
    before = models.JSONField("avant")
    after = models.JSONField("après")
    comment = models.TextField("commentaire", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "avenant au contrat"
        verbose_name_plural = "avenants aux contrats"
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} au {self.effective_on:%d/%m/%Y}"

    def audit_organization_id(self):
        return self.contract.pathway.organization_id


class Checkpoint(models.Model):
    """A step of the dual follow-up; its two sides say how it went."""

    personal_data_of = "contract__person"
    personal_fields: dict = {}

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="checkpoints")
    step = models.CharField("étape", max_length=10, choices=Step.choices)
    planned_on = models.DateField("prévu le")

    class Meta:
        verbose_name = "point de suivi"
        verbose_name_plural = "points de suivi"
        ordering = ["planned_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "step"], name="one_checkpoint_per_step")
        ]

    def __str__(self) -> str:
        return f"Point de suivi du {self.get_step_display()}"


class CheckpointSideQuerySet(models.QuerySet):
    def overdue(self, today):
        return self.filter(
            done_on__isnull=True,
            planned_on__lt=today,
            checkpoint__contract__state=ContractState.RUNNING,
        )


class CheckpointSide(AuditedModel):
    """What the employee, or the employer, says at a checkpoint. The employer's side is
    about the job only (`enums.EMPLOYER_ISSUES`); the employer may give it on the page of
    a link emailed to them (`employment.employer_link`), which names `link_sent_at`."""

    audit_redacted = ("actions", "comment")
    personal_data_of = "checkpoint__contract__person"
    personal_fields = {
        "actions": Scrub.BLANK,
        "comment": Scrub.BLANK,
        "link_sent_to": Scrub.BLANK,
    }
    impersonal_fields = ("issues",)  # codes of a closed list, counted

    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="sides")
    side = models.CharField("côté", max_length=10, choices=Side.choices)
    planned_on = models.DateField("prévu le")
    done_on = models.DateField("fait le", null=True, blank=True)
    channel = models.CharField("moyen", max_length=12, choices=Channel.choices, blank=True)
    how_it_goes = models.CharField(
        "comment ça se passe", max_length=15, choices=HowItGoes.choices, blank=True
    )
    issues = models.JSONField("difficultés évoquées", default=list, blank=True)
    actions = models.TextField("actions décidées", blank=True)
    serious = models.BooleanField("difficulté sérieuse", default=False)
    comment = models.TextField("commentaire", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_sent_to = models.EmailField("lien envoyé à", blank=True)
    link_sent_at = models.DateTimeField("lien envoyé le", null=True, blank=True)
    # The referent was emailed that this side is overdue: once only.
    reminded_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    objects = CheckpointSideQuerySet.as_manager()

    class Meta:
        verbose_name = "côté d'un point de suivi"
        verbose_name_plural = "côtés des points de suivi"
        ordering = ["planned_on", "side", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "side"], name="one_side_per_checkpoint")
        ]
        indexes = [models.Index(fields=["done_on", "planned_on"], name="side_due")]

    def __str__(self) -> str:
        return f"{self.checkpoint} — {self.get_side_display()}"

    def audit_organization_id(self):
        return self.checkpoint.contract.pathway.organization_id

    @property
    def issue_labels(self) -> list[str]:
        from employment.enums import Issue

        labels = dict(Issue.choices)
        return [labels.get(v, v) for v in self.issues]


class FollowUpCalendar(AuditedModel):
    """The checkpoint steps a structure holds for the contracts it records from now on
    (without a row: `followup.DEFAULT_STEPS`)."""

    impersonal_fields = ("steps",)

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="follow_up_calendar"
    )
    steps = models.JSONField("étapes du suivi", default=default_steps)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "calendrier du suivi dans l'emploi"
        verbose_name_plural = "calendriers du suivi dans l'emploi"

    def __str__(self) -> str:
        return f"Calendrier du suivi de {self.organization}"

    def audit_organization_id(self):
        return self.organization_id


class AlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class Alert(models.Model):
    """Something the referent must see today (a break, a serious difficulty): listed in
    « À traiter » until someone marks it handled."""

    personal_data_of = "pathway__person"
    personal_fields = {"detail": Scrub.BLANK}

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.CASCADE, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField("type", max_length=15, choices=AlertKind.choices)
    detail = models.TextField("détail", blank=True)
    raised_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte d'emploi"
        verbose_name_plural = "alertes d'emploi"
        ordering = ["-raised_at", "-id"]

    def __str__(self) -> str:
        return self.get_kind_display()
