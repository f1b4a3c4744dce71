"""The action plan agreed with a person: objectives, actions with an owner and a due
date, appointments, notes and documents. Seen only at Level.TEAM (never by prescribers
or employers); a note private to an organization is seen by that organization only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.policy import active_memberships
from audit.tracking import AuditedModel
from persons.access import known_followed
from persons.models import Person
from plans.enums import (
    ActionKind,
    ActionStatus,
    Attendance,
    DocumentKind,
    NoteVisibility,
    ObjectiveStatus,
)
from retention.scrub import Scrub


class PersonScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rows about the people the user follows (Level.TEAM): the plan is never shown
        to a prescriber who only sees milestones."""
        return self._readable(user).filter(person__in=Person.objects.followed_by(user))

    def about(self, person, user):
        """`visible_to(user)` of one person. A person fetched for this user by
        `persons.access.person_for` says already whether the user follows them: the
        rows are then read without asking it again in a subquery."""
        if known_followed(person, user):
            return self._readable(user).filter(person=person)
        return self.visible_to(user).filter(person=person)

    def _readable(self, user):
        """Of the rows about a person the user follows, those they may read: all."""
        return self


class Objective(AuditedModel):
    personal_data_of = "person"
    personal_fields = {"title": Scrub.BLANK}

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="objectives")
    pathway = models.ForeignKey(
        "pathways.Pathway",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
        verbose_name="parcours",
    )
    title = models.CharField("objectif", max_length=255)
    # Either towards employment, or lifting a barrier (then `barrier` says which).
    is_employment = models.BooleanField("objectif d'emploi", default=True)
    barrier = models.ForeignKey(
        "barriers.PersonBarrier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
        verbose_name="frein à lever",
    )
    status = models.CharField(
        "statut", max_length=10, choices=ObjectiveStatus.choices, default=ObjectiveStatus.OPEN
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PersonScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "objectif"
        ordering = ["person", "status", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def audit_organization_id(self):
        return self.organization_id


class Action(AuditedModel):
    personal_data_of = "person"
    personal_fields = {"title": Scrub.BLANK}

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="actions")
    pathway = models.ForeignKey(
        "pathways.Pathway", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    objective = models.ForeignKey(
        Objective,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name="objectif",
    )
    kind = models.CharField("type", max_length=15, choices=ActionKind.choices)
    title = models.CharField("action", max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
        verbose_name="responsable",
    )
    # Who carries the action: one professional (`owner`: the referent, a colleague, or a
    # team member of another organization), a partner service, or the person themselves.
    owner_service = models.ForeignKey(
        "partner_services.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="service partenaire responsable",
    )
    owner_is_person = models.BooleanField("la personne elle-même en est responsable", default=False)
    due_on = models.DateField("échéance", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=ActionStatus.choices, default=ActionStatus.TODO
    )
    done_on = models.DateField("faite le", null=True, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PersonScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "action"
        ordering = ["person", "status", "due_on", "id"]
        indexes = [models.Index(fields=["owner", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_label(self) -> str:
        """Who carries the action, in words."""
        if self.owner_is_person:
            return "La personne elle-même"
        if self.owner_service_id:
            return f"Service : {self.owner_service.name}"
        if self.owner_id:
            return self.owner.get_full_name() or str(self.owner)
        return "—"

    def audit_organization_id(self):
        return self.organization_id


class Appointment(AuditedModel):
    personal_data_of = "person"
    personal_fields = {"place": Scrub.BLANK, "subject": Scrub.BLANK}

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="appointments")
    pathway = models.ForeignKey(
        "pathways.Pathway", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("date et heure")
    place = models.CharField("lieu", max_length=255, blank=True)
    with_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
        verbose_name="avec",
    )
    subject = models.CharField("objet", max_length=255)
    attendance = models.CharField(
        "présence", max_length=10, choices=Attendance.choices, default=Attendance.PLANNED
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PersonScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "rendez-vous"
        verbose_name_plural = "rendez-vous"
        ordering = ["person", "-at", "-id"]
        indexes = [
            models.Index(fields=["with_user", "at"]),
            models.Index(fields=["organization", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({timezone.localtime(self.at):%d/%m/%Y %H:%M})"

    def audit_organization_id(self):
        return self.organization_id


class NoteQuerySet(PersonScopedQuerySet):
    def _readable(self, user):
        # A note private to an organization is read by that organization only.
        organizations = [m.organization_id for m in active_memberships(user)]
        return self.filter(Q(visibility=NoteVisibility.TEAM) | Q(organization_id__in=organizations))


class Note(AuditedModel):
    audit_redacted = ("text",)  # notes may hold anything a person confided
    personal_data_of = "person"
    personal_fields = {"text": Scrub.BLANK}
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    pathway = models.ForeignKey(
        "pathways.Pathway", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("note")
    visibility = models.CharField(
        "visibilité",
        max_length=12,
        choices=NoteVisibility.choices,
        default=NoteVisibility.ORGANIZATION,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = "note"
        ordering = ["person", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note du {timezone.localtime(self.created_at):%d/%m/%Y}"

    def audit_organization_id(self):
        return self.organization_id


def document_path(instance, filename: str) -> str:
    # Never under a public URL: files are served by the download view, which checks access.
    return f"documents/{instance.person_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Document(AuditedModel):
    personal_data_of = "person"
    personal_fields = {"file": Scrub.FILE, "name": Scrub.BLANK}

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type", max_length=12, choices=DocumentKind.choices)
    file = models.FileField("fichier", upload_to=document_path, max_length=255)
    name = models.CharField("nom du fichier", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = PersonScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "document"
        ordering = ["person", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.name}"

    def audit_organization_id(self):
        return self.organization_id
