"""Collective events: drop-in sessions (« permanences »), information sessions, job
datings, site visits, collective-intelligence days, club meetings (seeds 000, 001, 004).

An `Event` is organised by one or more organizations (its `organizers`; the first, the
`organization`, holds it). A recurring drop-in stores its rule (weekly on a weekday,
every N weeks, until a date) and its sessions are materialised as `Occurrence` rows,
each carrying its own attendance; a one-off event has a single occurrence. People,
professionals and company contacts register (`Registration`); at a job dating a
`Slot` sets a company and a candidate face to face, and the introduction made there
is traced back (`Outcome`). Whoever may see an event is one rule:
`Event.objects.visible_to(user)`."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from access.policy import active_memberships
from audit.tracking import AuditedModel
from events.enums import EventKind, EventState, Presence, RegistrantKind, Weekday
from events.state_machine import LIFECYCLE
from lib.lifecycle import TransitionLog
from retention.scrub import Scrub

TITLE_MAX = 200
PLACE_MAX = 255


def organization_ids_of(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return [m.organization_id for m in active_memberships(user)]


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The events of the user's organizations (organised, or invited to, directly
        or as a company of the club, or where they registered someone, cancelled ones
        included: their emails lead there) and the events open to all. A stranger sees
        only the open ones; a visitor without an account, none here (the public page
        reads `open_to_public`)."""
        ids = organization_ids_of(user)
        if not ids:
            return self.none()
        return self.filter(
            Q(organizers__in=ids)
            | Q(invitations__organization_id__in=ids)
            | Q(invitations__company__organization_id__in=ids)
            | Q(registrations__organization_id__in=ids)
            | Q(is_public=True, state=EventState.SCHEDULED)
        ).distinct()

    def organized_by(self, organization_ids):
        return self.filter(organizers__in=list(organization_ids)).distinct()

    def open_to_public(self):
        return self.filter(is_public=True, state=EventState.SCHEDULED)

    def with_next_session(self, now):
        """`next_starts_at` and `next_ends_at`: the event's first session, not cancelled,
        that has not ended at `now` (empty when none is left). For a one-off event, its
        only session, at the event's own dates; for a recurring drop-in, the next date of
        its rule, where `ends_at` is the first session's end."""
        sessions = Occurrence.objects.filter(
            event=OuterRef("pk"), cancelled_at__isnull=True, ends_at__gte=now
        ).order_by("starts_at", "id")
        return self.annotate(
            next_starts_at=Subquery(sessions.values("starts_at")[:1]),
            next_ends_at=Subquery(sessions.values("ends_at")[:1]),
        )


class Event(AuditedModel):
    impersonal_fields = (
        "title",
        "description",
        "address",
        "online_url",
        "debrief_worked",
        "debrief_improve",
        "cancel_reason",
    )

    kind = models.CharField("type", max_length=20, choices=EventKind.choices)
    title = models.CharField("titre", max_length=TITLE_MAX)
    description = models.TextField("description", blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="organisateur principal",
    )
    organizers = models.ManyToManyField(
        "organizations.Organization", related_name="organized_events", verbose_name="organisateurs"
    )
    commune = models.ForeignKey(
        "territories.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="commune",
    )
    address = models.CharField("adresse", max_length=PLACE_MAX, blank=True)
    online_url = models.URLField("lien de la visioconférence", blank=True)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    capacity = models.PositiveIntegerField("places", null=True, blank=True)
    for_people = models.BooleanField("ouvert aux personnes accompagnées", default=False)
    for_professionals = models.BooleanField("ouvert aux professionnels", default=False)
    for_employers = models.BooleanField("ouvert aux employeurs", default=False)
    is_public = models.BooleanField("inscription en ligne ouverte à tous", default=False)
    # Recurrence (drop-ins): weekly on `repeat_weekday`, every `repeat_interval` weeks,
    # until `repeat_until` (included). Empty weekday: a one-off event.
    repeat_weekday = models.PositiveSmallIntegerField(
        "jour de la semaine", null=True, blank=True, choices=Weekday.choices
    )
    repeat_interval = models.PositiveSmallIntegerField("toutes les N semaines", default=1)
    repeat_until = models.DateField("jusqu'au", null=True, blank=True)
    state = models.CharField(
        "état", max_length=20, choices=EventState.choices, default=EventState.SCHEDULED
    )
    cancel_reason = models.CharField("motif de l'annulation", max_length=500, blank=True)
    debrief_worked = models.TextField("ce qui a fonctionné", blank=True)
    debrief_improve = models.TextField("ce qui est à améliorer", blank=True)
    # Changes each time the event changes: the calendar feed's SEQUENCE.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at", "kind"])]

    def __str__(self) -> str:
        return self.title

    def audit_organization_id(self):
        return self.organization_id

    @property
    def is_recurring(self) -> bool:
        return self.repeat_weekday is not None

    @property
    def is_cancelled(self) -> bool:
        return self.state == EventState.CANCELLED

    @property
    def audience(self) -> str:
        """« personnes accompagnées, professionnels » : who the event is for."""
        chosen = (
            (self.for_people, "personnes accompagnées"),
            (self.for_professionals, "professionnels"),
            (self.for_employers, "employeurs"),
        )
        return ", ".join(label for wanted, label in chosen if wanted) or "à préciser"

    @property
    def place(self) -> str:
        parts = [self.address, self.commune.name if self.commune_id else ""]
        return ", ".join(p for p in parts if p) or ("En ligne" if self.online_url else "")


class EventTransition(TransitionLog):
    lifecycle = LIFECYCLE
    impersonal_fields = ("comment",)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'un événement"
        verbose_name_plural = "changements d'état des événements"


class Occurrence(AuditedModel):
    """One session of an event: the only one of a one-off event, one per date of a
    recurring drop-in. Attendance is recorded per session."""

    impersonal_fields = ("note",)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    reminded_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    note = models.CharField("note de séance", max_length=500, blank=True)

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="one_session_per_start")
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.event.title} — {local:%d/%m/%Y %H:%M}"

    def audit_organization_id(self):
        return self.event.organization_id


class Invitation(AuditedModel):
    """An organization, or a company of the club, invited by the organizers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "invitation à un événement"
        verbose_name_plural = "invitations aux événements"
        ordering = ["invited_at", "id"]

    def __str__(self) -> str:
        return str(self.organization or self.company)

    def audit_organization_id(self):
        return self.event.organization_id


class Registration(AuditedModel):
    """Someone registered to an event: a followed person (by a professional who sees
    them at TEAM level), a professional themself, a company's contact, or a visitor of
    the public page. A followed person's name is shown only to who sees them at TEAM
    level (`events.access.registration_label`)."""

    audit_redacted = ("name", "email", "phone")
    personal_data_of = "person"
    personal_fields = {"name": Scrub.ANONYMOUS, "email": Scrub.BLANK, "phone": Scrub.BLANK}
    impersonal_fields = ()

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField("inscrit·e comme", max_length=20, choices=RegistrantKind.choices)
    person = models.ForeignKey(
        "persons.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    contact = models.ForeignKey(
        "companies.Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Who registered (the organization answering for the registration); empty for the
    # public page.
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The public page's registrant (no account, no record).
    name = models.CharField("nom", max_length=150, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "inscription à un événement"
        verbose_name_plural = "inscriptions aux événements"
        ordering = ["registered_at", "id"]
        indexes = [models.Index(fields=["event", "kind"])]

    def __str__(self) -> str:
        return f"Inscription à {self.event}"

    def audit_organization_id(self):
        return self.organization_id or self.event.organization_id

    def audit_label(self) -> str:
        return f"Inscription n° {self.pk}"


class Attendance(AuditedModel):
    """Who came to one session: a registrant, or a visitor written down by first name
    at the door (a drop-in) who may become a walk-in (`person` set then)."""

    audit_redacted = ("visitor_name",)
    personal_data_of = "person"
    personal_fields = {"visitor_name": Scrub.ANONYMOUS}

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="attendance")
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        "persons.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visitor_name = models.CharField("visiteur", max_length=150, blank=True)
    presence = models.CharField(
        "présence", max_length=10, choices=Presence.choices, default=Presence.EXPECTED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "présence à une séance"
        verbose_name_plural = "présences aux séances"
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "registration"],
                condition=Q(registration__isnull=False),
                name="one_presence_per_registration",
            )
        ]

    def audit_organization_id(self):
        return self.occurrence.event.organization_id

    def audit_label(self) -> str:
        return f"Présence n° {self.pk}"


class Slot(AuditedModel):
    """At a job dating, a time with a company, and the candidate who takes it (booked
    by the structure that follows them). An introduction may be made from it."""

    impersonal_fields = ("label",)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(
        "offers.JobOffer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_at = models.DateTimeField("heure")
    label = models.CharField("poste ou sujet", max_length=150, blank=True)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="slots"
    )
    introduction = models.ForeignKey(
        "offers.Introduction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "créneau de job dating"
        verbose_name_plural = "créneaux de job dating"
        ordering = ["starts_at", "id"]

    def audit_organization_id(self):
        return self.event.organization_id


class Outcome(models.Model):
    """What an event led to, traced back: an introduction, an immersion (a hire is
    the introduction's « embauché·e »)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outcomes")
    introduction = models.OneToOneField(
        "offers.Introduction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_outcome",
    )
    immersion = models.OneToOneField(
        "immersions.Immersion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_outcome",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "suite d'un événement"
        verbose_name_plural = "suites des événements"
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"Suite de {self.event}"


def event_document_path(instance, filename):
    return f"events/{instance.event_id}/{secrets.token_hex(8)}-{filename}"


class EventDocument(AuditedModel):
    """A photo or a document of the event (programme, attendance sheet, pictures). No
    followed person's file: the form says so."""

    impersonal_fields = ("title", "file", "content_type")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to=event_document_path, max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "document d'un événement"
        verbose_name_plural = "documents des événements"
        ordering = ["-uploaded_at", "id"]

    def audit_organization_id(self):
        return self.event.organization_id

    @property
    def download_name(self) -> str:
        """The title, with the extension of the file that was sent (a title rarely has
        one): the downloaded file opens with the right application."""
        suffix = PurePosixPath(self.file.name).suffix.lower()
        if not suffix or self.title.lower().endswith(suffix):
            return self.title
        return f"{self.title}{suffix}"


class CalendarFeed(AuditedModel):
    """The secret link to a calendar feed, for calendar applications that cannot send a
    token: an organization's feed or a user's. Revoked by replacing it."""

    audit_exclude = ("updated_at", "key")
    # A random key, no one's data.
    impersonal_fields = ("key",)

    key = models.CharField(max_length=64, unique=True, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lien secret d'agenda"
        verbose_name_plural = "liens secrets d'agenda"

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
