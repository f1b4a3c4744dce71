"""Barriers (« freins périphériques »): the referential of themes and items, and the
barriers noted for a person with their status history.

Barriers are seen by the accompanying team only (Level.TEAM and the SEE_BARRIERS
capability): never by prescribers, never by employers. Details of sensitive themes
(health, justice, family) are shown to the team with a logged read (`audit.reads`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel
from barriers import state_machine
from barriers.enums import OPEN_STATUSES, BarrierStatus
from lib.lifecycle import TransitionLog
from persons.access import known_followed
from persons.models import Person
from retention.scrub import Scrub


class BarrierTheme(models.Model):
    code = models.SlugField("code data·inclusion", max_length=60, unique=True)
    label = models.CharField("libellé", max_length=100)
    is_sensitive = models.BooleanField("sensible (santé, justice, famille)", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "thème de frein"
        verbose_name_plural = "thèmes de freins"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label


class BarrierItem(models.Model):
    theme = models.ForeignKey(
        BarrierTheme, on_delete=models.PROTECT, related_name="items", verbose_name="thème"
    )
    code = models.SlugField("code", max_length=60, unique=True)
    label = models.CharField("libellé", max_length=150)
    # data·inclusion thématiques of the services that lift it. Read in Python only (never
    # filtered on in SQL), so a JSON list is enough here.
    lifted_by = models.JSONField("levé par les services de thématiques", default=list)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "frein"
        verbose_name_plural = "freins du référentiel"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label


class PersonBarrierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Barriers of the persons the user follows (Level.TEAM). Whether the user's
        organization may see barriers at all (SEE_BARRIERS) is asked by the caller, which
        knows on behalf of which organization the user acts."""
        return self.filter(person__in=Person.objects.followed_by(user))

    def about(self, person, user):
        """`visible_to(user)` of one person, without the subquery when the person was
        fetched for this user by `persons.access.person_for`, who found they follow them."""
        if known_followed(person, user):
            return self.filter(person=person)
        return self.visible_to(user).filter(person=person)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def with_history(self):
        return self.select_related("item__theme", "updated_by", "organization").prefetch_related(
            models.Prefetch(
                "status_changes",
                queryset=BarrierStatusChange.objects.select_related("by"),
            )
        )


class PersonBarrier(AuditedModel):
    audit_redacted = ("detail",)  # may tell of health, justice or family
    # The item (and so the theme) and the statuses stay: barriers by theme are counted.
    personal_data_of = "person"
    personal_fields = {"detail": Scrub.BLANK}
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="barriers")
    item = models.ForeignKey(
        BarrierItem, on_delete=models.PROTECT, related_name="+", verbose_name="frein"
    )
    status = models.CharField(
        "état", max_length=12, choices=BarrierStatus.choices, default=BarrierStatus.IDENTIFIED
    )
    # Free text: sensitive when the theme is (every read of it is logged).
    detail = models.TextField("précisions", blank=True)
    identified_on = models.DateField("identifié le", default=timezone.localdate)
    lifted_on = models.DateField("levé le", null=True, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="noté par",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonBarrierQuerySet.as_manager()

    class Meta:
        verbose_name = "frein d'une personne"
        verbose_name_plural = "freins des personnes"
        ordering = ["item__theme__position", "item__position", "id"]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return self.item.label

    def audit_organization_id(self) -> int | None:
        return self.organization_id

    def audit_label(self) -> str:
        # The organization's journal is read without a logged read: name the theme only
        # when it is sensitive, as the timeline does.
        if self.item.theme.is_sensitive:
            return f"Frein ({self.item.theme.label.lower()})"
        return str(self)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_sensitive(self) -> bool:
        return self.item.theme.is_sensitive

    @property
    def next_status_choices(self) -> list[tuple[str, str]]:
        return state_machine.LIFECYCLE.options(self.status)


class BarrierStatusChange(TransitionLog):
    """One move of a barrier's status: who, when, from what to what, and why."""

    lifecycle = state_machine.LIFECYCLE
    personal_data_of = "barrier__person"
    personal_fields = {"comment": Scrub.BLANK}

    barrier = models.ForeignKey(
        PersonBarrier, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'un frein"
        verbose_name_plural = "changements d'état des freins"
