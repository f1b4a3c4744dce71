from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel
from lib.lifecycle import TransitionLog
from pathways import sas_iae
from pathways.eligibility import Level1, Level2
from pathways.enums import (
    EntryChannel,
    ExitCategory,
    ExitReason,
    PassChangeKind,
    PathwayKind,
    PathwayState,
    TeamRole,
)
from pathways.state_machine import ENDED_STATES, LIFECYCLE
from persons.access import known_visible
from persons.models import Person
from retention.scrub import Scrub


class PathwayQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(person__in=Person.objects.visible_to(user))

    def about(self, person, user):
        """`visible_to(user)` of one person, without the subquery when the person was
        fetched for this user by `persons.access.person_for` (who then sees them)."""
        if known_visible(person, user):
            return self.filter(person=person)
        return self.visible_to(user).filter(person=person)

    def open(self):
        """Pathways under way: neither closed nor in the follow-up after the exit (the
        person has left; one check remains, listed apart in « À traiter »)."""
        return self.exclude(state__in=ENDED_STATES)


class Pathway(AuditedModel):
    # The kind, states, dates and exit stay: they are the statistics.
    personal_data_of = "person"
    personal_fields = {"pass_number": Scrub.BLANK}

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="pathways")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="pathways",
        verbose_name="structure",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referent_of",
        verbose_name="référent·e",
    )
    kind = models.CharField("type", max_length=10, choices=PathwayKind.choices)
    state = models.CharField(
        "étape", max_length=15, choices=PathwayState.choices, default=PathwayState.INTAKE
    )
    entry_channel = models.CharField(
        "entrée", max_length=15, choices=EntryChannel.choices, default=EntryChannel.WALK_IN
    )
    prescriber_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prescribed_pathways",
        verbose_name="prescripteur",
    )
    started_on = models.DateField("début", default=date.today)
    closed_on = models.DateField("sortie le", null=True, blank=True)
    exit_reason = models.CharField(
        "motif de sortie", max_length=20, choices=ExitReason.choices, blank=True
    )
    exit_category = models.CharField(
        "catégorie de sortie", max_length=12, choices=ExitCategory.choices, blank=True
    )
    # PASS IAE
    pass_number = models.CharField("numéro de PASS IAE", max_length=20, blank=True)
    pass_start = models.DateField("début du PASS IAE", null=True, blank=True)
    pass_end = models.DateField(
        "fin du PASS IAE",
        null=True,
        blank=True,
        help_text="Deux ans après le début, décalée par les suspensions et prolongations.",
    )
    # The pathway this one follows on: a Sas IAE handed over to an IAE pathway, here or
    # in another structure (`services.sas_handover`). Both stay, with their own history.
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_pathways",
        verbose_name="fait suite au parcours",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = PathwayQuerySet.as_manager()

    class Meta:
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
        ordering = ["-started_on", "-id"]
        indexes = [
            # The worklist and the home page: a structure's open pathways, the user's own
            # (« dont je suis référent·e »), and those whose PASS IAE ends soon.
            models.Index(fields=["organization", "state", "referent"]),
            models.Index(fields=["organization", "pass_end"]),
            models.Index(fields=["pass_end"]),
            # « Sans contact » sorts a structure's open pathways (the user's own, or all)
            # by their person's last contact: what it reads of them, in this index alone.
            models.Index(
                fields=["organization", "referent", "state", "person", "id"],
                name="pathway_worklist",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} de {self.person} ({self.organization})"

    def audit_organization_id(self):
        return self.organization_id

    def audit_label(self) -> str:
        return f"{self.get_kind_display()} du dossier n° {self.person_id} ({self.organization})"

    @property
    def sas_latest_end(self) -> date | None:
        """For a Sas IAE, the last day it may run (`pathways.sas_iae`)."""
        if self.kind != PathwayKind.SAS_IAE:
            return None
        return sas_iae.latest_end(self.started_on)

    @property
    def sas_overdue(self) -> bool:
        return (
            self.kind == PathwayKind.SAS_IAE
            and self.state != PathwayState.CLOSED
            and sas_iae.is_overdue(self.started_on, timezone.localdate())
        )


class Transition(TransitionLog):
    """The pathway's state log: who moved it from what to what, when, and why."""

    lifecycle = LIFECYCLE
    personal_data_of = "pathway__person"
    personal_fields = {"comment": Scrub.BLANK}

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'étape"
        verbose_name_plural = "changements d'étape"


class TeamMember(AuditedModel):
    """A professional of any organization who follows the person with the referent."""

    personal_data_of = "pathway__person"
    personal_fields: dict = {}

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pathway_teams"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField("rôle", max_length=15, choices=TeamRole.choices)
    access_until = models.DateField("accès jusqu'au", null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "membre de l'équipe"
        verbose_name_plural = "membres de l'équipe"
        ordering = ["pathway", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "user"], name="unique_team_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def audit_organization_id(self):
        return self.pathway.organization_id


class PassChange(AuditedModel):
    """A suspension or an extension of the PASS IAE; each pushes its end date."""

    personal_data_of = "pathway__person"
    personal_fields = {"reason": Scrub.BLANK}

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="pass_changes")
    kind = models.CharField("type", max_length=12, choices=PassChangeKind.choices)
    start = models.DateField("du")
    end = models.DateField("au")
    reason = models.CharField("motif", max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "suspension ou prolongation du PASS IAE"
        verbose_name_plural = "suspensions et prolongations du PASS IAE"
        ordering = ["pathway", "start"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"

    def audit_organization_id(self):
        return self.pathway.organization_id

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class EligibilityDiagnosis(AuditedModel):
    # The criteria are codes, counted in the statistics.
    personal_data_of = "person"
    personal_fields: dict = {}
    impersonal_fields = ("structure_kind", "level1", "level2")

    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="eligibility_diagnoses"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="réalisé par",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    structure_kind = models.CharField(
        "pour une structure de type",
        max_length=20,
        help_text="Le nombre de critères de niveau 2 requis en dépend.",
    )
    level1 = models.JSONField("critères de niveau 1", default=list, blank=True)
    level2 = models.JSONField("critères de niveau 2", default=list, blank=True)
    is_eligible = models.BooleanField("éligible")
    made_on = models.DateField("réalisé le", default=date.today)
    valid_until = models.DateField("valable jusqu'au")

    class Meta:
        verbose_name = "diagnostic d'éligibilité IAE"
        verbose_name_plural = "diagnostics d'éligibilité IAE"
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        verdict = "éligible" if self.is_eligible else "non éligible"
        return f"Diagnostic du {self.made_on:%d/%m/%Y} : {verdict}"

    def audit_organization_id(self):
        return self.organization_id

    @property
    def is_valid(self) -> bool:
        return self.valid_until >= timezone.localdate()

    @property
    def level1_labels(self) -> list[str]:
        return [dict(Level1.choices).get(v, v) for v in self.level1]

    @property
    def level2_labels(self) -> list[str]:
        return [dict(Level2.choices).get(v, v) for v in self.level2]
