"""One chronological thread of everything that happens to a person. Each service that
changes a person's story appends an event here, in its own transaction; the timeline
page and `GET /api/v1/persons/{id}/timeline` read only this table (indexed by person and
date), so they stay fast with millions of events."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from persons.levels import Level
from retention.scrub import Scrub


class EventKind(models.TextChoices):
    ENTRY = "entry", "Entrée"
    REFERRAL = "referral", "Orientation vers une structure"
    PATHWAY = "pathway", "Étape du parcours"
    BARRIER = "barrier", "Frein"
    ACTION = "action", "Action"
    APPOINTMENT = "appointment", "Rendez-vous"
    NOTE = "note", "Note"
    DOCUMENT = "document", "Document"
    SERVICE_REFERRAL = "service_referral", "Orientation vers un service"
    ELIGIBILITY = "eligibility", "Diagnostic d'éligibilité"
    INTRODUCTION = "introduction", "Mise en relation"
    CONTRACT = "contract", "Contrat"
    FOLLOW_UP = "follow_up", "Suivi dans l'emploi"
    IMMERSION = "immersion", "Immersion"
    IDENTITY = "identity", "Dossier"


class Audience(models.TextChoices):
    """Who sees the event besides the organization that wrote it."""

    ORGANIZATION = "organization", "L'organisation qui l'a écrit"
    TEAM = "team", "L'équipe d'accompagnement"
    MILESTONE = "milestone", "L'équipe et le prescripteur"


class TimelineEventQuerySet(models.QuerySet):
    def for_level(self, level: int, organization_ids: list[int]):
        """Events visible at `level` to members of those organizations."""
        if level >= Level.TEAM:
            return self.filter(
                models.Q(audience__in=[Audience.TEAM, Audience.MILESTONE])
                | models.Q(audience=Audience.ORGANIZATION, organization_id__in=organization_ids)
            )
        if level >= Level.MILESTONES:
            return self.filter(audience=Audience.MILESTONE)
        return self.none()


class TimelineEvent(models.Model):
    # Titles may name the person or quote what they said; the kind and date stay.
    personal_data_of = "person"
    personal_fields = {"title": Scrub.ANONYMOUS, "detail": Scrub.BLANK}
    impersonal_fields = ("subject_type",)

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="events")
    pathway = models.ForeignKey(
        "pathways.Pathway", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("type", max_length=20, choices=EventKind.choices)
    occurred_at = models.DateTimeField("date", default=timezone.now)
    title = models.CharField("titre", max_length=255)
    detail = models.TextField("détail", blank=True)
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.TEAM)
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the event is about, for a link from the timeline ("app_label.model", pk).
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)

    objects = TimelineEventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-occurred_at", "-id"], name="timeline_person_date"),
            models.Index(
                fields=["person", "kind", "-occurred_at", "-id"], name="timeline_person_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%d/%m/%Y} {self.title}"
