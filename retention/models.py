"""What the retention rules leave behind: the warning sent before a file is anonymised,
and the record of each anonymisation (why, when, at whose request)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel


class Cause(models.TextChoices):
    INACTIVITY = "inactivity", "Deux ans sans contact"
    REQUEST = "request", "Effacement demandé par la personne"


class ErasureWarning(models.Model):
    """The referent was told the file will be anonymised in 30 days. One row per
    person, moved forward when contact resumes and lapses again: a warning counts for
    the inactivity that began at `last_activity_at`, so it is never sent twice for it."""

    person = models.OneToOneField(
        "persons.Person", on_delete=models.CASCADE, related_name="erasure_warning"
    )
    last_activity_at = models.DateTimeField("dernier contact constaté")
    warned_at = models.DateTimeField("prévenu le")
    recipients = models.PositiveSmallIntegerField("destinataires", default=0)

    personal_data_of = "person"
    personal_fields: dict = {}

    class Meta:
        verbose_name = "avertissement avant anonymisation"
        verbose_name_plural = "avertissements avant anonymisation"
        ordering = ["-warned_at", "-id"]

    def __str__(self) -> str:
        return f"Avertissement du {self.warned_at:%d/%m/%Y}"


class Anonymisation(AuditedModel):
    """A person's file anonymised: by the two-year rule or on the person's request. Its
    creation is the audit entry of the erasure, with the reason given."""

    person = models.OneToOneField(
        "persons.Person", on_delete=models.CASCADE, related_name="anonymisation"
    )
    cause = models.CharField("motif", max_length=12, choices=Cause.choices)
    # Typed by the organization admin who erased the file: what the request was (a
    # letter, a call), never the person's name.
    reason = models.TextField("raison de l'effacement", blank=True)
    at = models.DateTimeField("anonymisé le", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_activity_at = models.DateTimeField("dernier contact", null=True, blank=True)

    personal_data_of = "person"
    personal_fields: dict = {}
    impersonal_fields = ("reason",)

    class Meta:
        verbose_name = "anonymisation"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Dossier n° {self.person_id} anonymisé ({self.get_cause_display().lower()})"

    def audit_organization_id(self) -> int | None:
        return self.organization_id
