"""Working together between organizations (issue 14, seeds 001 and 002).

- A working group on an employment area (communes or an EPCI): member organizations
  and people, priorities, action sheets (« fiches-action ») with their actions, each
  sheet moving through `state_machine.SHEET_LIFECYCLE`. Its meetings are events, kept by
  the events work: `selectors.group_meetings` is the one place that will read them.
- A partnership between an employer (an employer group, or a company) and a structure
  that follows people, phase by phase (`state_machine.PARTNERSHIP_LIFECYCLE`), with the
  days committed and used, the tensions, the subsidy and versioned documents.

Nothing here is about a followed person: the partnership's results are counts."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from access.policy import active_memberships
from audit.tracking import AuditedModel
from cooperation.enums import (
    ActionStatus,
    GroupRole,
    PartnershipKind,
    Phase,
    SheetState,
    SubsidyStatus,
    Tension,
)
from cooperation.state_machine import PARTNERSHIP_LIFECYCLE, SHEET_LIFECYCLE
from lib.lifecycle import TransitionLog


def _organization_ids(user) -> list[int]:
    return [m.organization_id for m in active_memberships(user)]


class WorkingGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The groups one of the user's organizations leads or belongs to."""
        ids = _organization_ids(user)
        if not ids:
            return self.none()
        members = WorkingGroup.organizations.through.objects.filter(organization_id__in=ids)
        return self.filter(
            models.Q(lead_organization_id__in=ids)
            | models.Q(pk__in=members.values("workinggroup_id"))
        )


class WorkingGroup(AuditedModel):
    impersonal_fields = ("name", "description")

    name = models.CharField("nom du groupe", max_length=200)
    description = models.TextField("ce que le groupe cherche à faire", blank=True)
    epci = models.ForeignKey(
        "territories.EPCI",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bassin d'emploi (EPCI)",
    )
    communes = models.ManyToManyField(
        "territories.Commune", blank=True, related_name="+", verbose_name="communes"
    )
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="animé par",
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="working_groups",
        verbose_name="organisations membres",
    )
    # Its people, each with their role (`GroupMember`).
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        through="GroupMember",
        related_name="+",
        verbose_name="participant·es",
    )
    # The group's meetings: events of the calendar (`events.Event`).
    meetings = models.ManyToManyField(
        "events.Event", blank=True, related_name="working_groups", verbose_name="réunions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "groupe de travail"
        verbose_name_plural = "groupes de travail"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def audit_organization_id(self):
        return self.lead_organization_id


class GroupMember(models.Model):
    """A person of a working group, who runs it (« anime ») or takes part. The row of the
    group's `members`; its changes are in the group's trail (`members`, `organizers`)."""

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="people",
        # The table the group's people were kept in before they had a role.
        db_column="workinggroup_id",
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(
        "rôle", max_length=12, choices=GroupRole.choices, default=GroupRole.PARTICIPANT
    )
    added_at = models.DateTimeField("ajouté·e le", default=timezone.now)

    class Meta:
        db_table = "cooperation_workinggroup_members"
        verbose_name = "personne d'un groupe de travail"
        unique_together = [("group", "user")]
        ordering = ["group", "id"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display().lower()})"

    @property
    def is_organizer(self) -> bool:
        return self.role == GroupRole.ORGANIZER


class Priority(AuditedModel):
    impersonal_fields = ("title",)

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField("priorité", max_length=255)
    rank = models.PositiveSmallIntegerField("ordre", default=1)

    class Meta:
        verbose_name = "priorité d'un groupe de travail"
        ordering = ["group", "rank", "id"]

    def __str__(self) -> str:
        return self.title

    def audit_organization_id(self):
        return self.group.lead_organization_id


class ActionSheet(AuditedModel):
    """A « fiche-action »: what the group decided to do about one problem."""

    impersonal_fields = ("title", "objective", "problem", "expected_indicators", "events_text")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="sheets")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sheets",
        verbose_name="priorité",
    )
    title = models.CharField("intitulé", max_length=200)
    objective = models.TextField("objectif")
    problem = models.TextField("problème auquel elle répond", blank=True)
    expected_indicators = models.TextField("indicateurs attendus", blank=True)
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="organisation pilote",
    )
    due_on = models.DateField("échéance", null=True, blank=True)
    state = models.CharField(
        "état", max_length=20, choices=SheetState.choices, default=SheetState.TO_LAUNCH
    )
    # What else the sheet leads to, in words (what is not in the calendar); the
    # calendar's events are linked in `events`.
    events_text = models.TextField("autres suites", blank=True)
    events = models.ManyToManyField(
        "events.Event",
        blank=True,
        related_name="action_sheets",
        verbose_name="événements auxquels elle mène",
    )
    partnerships = models.ManyToManyField(
        "cooperation.Partnership",
        blank=True,
        related_name="sheets",
        verbose_name="partenariats auxquels elle mène",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "fiche-action"
        verbose_name_plural = "fiches-action"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["group", "state"])]

    def __str__(self) -> str:
        return self.title

    def audit_organization_id(self):
        return self.group.lead_organization_id


class SheetAction(AuditedModel):
    """One action of a sheet, with the organization that carries it."""

    impersonal_fields = ("title",)

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField("action", max_length=255)
    owner_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="portée par",
    )
    due_on = models.DateField("échéance", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=ActionStatus.choices, default=ActionStatus.TODO
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "action d'une fiche-action"
        ordering = ["sheet", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def audit_organization_id(self):
        return self.owner_organization_id


class SheetTransition(TransitionLog):
    lifecycle = SHEET_LIFECYCLE
    impersonal_fields = ("from_state", "to_state", "comment")

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'une fiche-action"


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The partnerships one of the user's organizations is a party to, or
        facilitates."""
        ids = _organization_ids(user)
        return self.filter(
            models.Q(employer_id__in=ids)
            | models.Q(structure_id__in=ids)
            | models.Q(facilitator_id__in=ids)
        )


class Partnership(AuditedModel):
    impersonal_fields = ("tensions", "tensions_notes")

    kind = models.CharField(
        "type de partenariat",
        max_length=20,
        choices=PartnershipKind.choices,
        default=PartnershipKind.EMPLOYER_GROUP,
    )
    employer = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="employeur ou groupement",
    )
    structure = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="structure qui accompagne",
    )
    facilitator = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="animé par",
    )
    employer_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="contact chez l'employeur",
    )
    structure_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="contact à la structure",
    )
    started_on = models.DateField("début")
    phase = models.CharField(
        "phase", max_length=20, choices=Phase.choices, default=Phase.FIRST_MEETING
    )
    days_committed = models.DecimalField("jours engagés", max_digits=5, decimal_places=1, default=0)
    days_used = models.DecimalField("jours consommés", max_digits=5, decimal_places=1, default=0)
    # Codes of `enums.Tension`.
    tensions = models.JSONField("tensions relevées", default=list, blank=True)
    tensions_notes = models.TextField("analyse des tensions", blank=True)
    subsidy_amount = models.DecimalField(
        "subvention (euros)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    subsidy_status = models.CharField(
        "état de la subvention", max_length=10, choices=SubsidyStatus.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = "partenariat"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(employer=models.F("structure")),
                name="partnership_two_parties",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employer} et {self.structure}"

    def audit_organization_id(self):
        return self.structure_id

    @property
    def tension_labels(self) -> list[str]:
        return [Tension(code).label for code in self.tensions if code in Tension.values]


class PartnershipTransition(TransitionLog):
    """A phase reached: `at` is its date, `comment` its notes."""

    lifecycle = PARTNERSHIP_LIFECYCLE
    impersonal_fields = ("from_state", "to_state", "comment")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = "phase d'un partenariat"


def document_path(instance, filename: str) -> str:
    # Never under a public URL: the download view checks access.
    return (
        f"partenariats/{instance.partnership_id}/{timezone.now():%Y%m%d%H%M%S}-"
        f"v{instance.version}-{filename}"
    )


class PartnershipDocument(AuditedModel):
    """A document of the partnership (the analysis document…); a new file under the
    same title is its next version, the earlier ones are kept."""

    impersonal_fields = ("title", "file", "name")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("intitulé", max_length=200)
    version = models.PositiveSmallIntegerField("version", default=1)
    file = models.FileField("fichier", upload_to=document_path, max_length=255)
    name = models.CharField("nom du fichier", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "document d'un partenariat"
        ordering = ["title", "-version", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "title", "version"], name="one_document_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def audit_organization_id(self):
        return self.organization_id
