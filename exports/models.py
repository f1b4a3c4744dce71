"""One export of a list (CSV or XLSX): who asked for it, for which organization, which
list and filters, how many rows. Small exports are answered at once and keep no file;
large ones run as a task that writes the file here, with its progress, until it
expires. Being an `AuditedModel`, every export is in the audit trail: its creation
says who exported what, its completion how many rows."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX (Excel)"
    PDF = "pdf", "PDF"  # the reports (`reports.services`), never a list


# What a list is exported as; a report is also a PDF.
LIST_FORMATS = (ExportFormat.CSV, ExportFormat.XLSX)


class ExportState(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Prêt"
    FAILED = "failed", "Échec"
    EXPIRED = "expired", "Expiré"


class ExportQuerySet(models.QuerySet):
    def of_author(self, user):
        """An export is its author's alone: nobody else opens it or downloads its file."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Export(AuditedModel):
    # The progress is written by the task every few thousand rows: a trail entry for
    # each would drown the entries that matter (created, done with its row count).
    audit_exclude = ("updated_at", "rows_done")
    # About no one person: the list and its filters, the error. The file holds people's
    # data, and is deleted once it expires (`services.exports_purge`, after 7 days),
    # long before any anonymisation would reach it.
    impersonal_fields = ("list_name", "params", "error", "file")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    list_name = models.CharField("liste", max_length=40)
    params = models.JSONField("filtres", default=dict, blank=True)
    file_format = models.CharField("format", max_length=4, choices=ExportFormat.choices)
    state = models.CharField(
        "état", max_length=10, choices=ExportState.choices, default=ExportState.PENDING
    )
    streamed = models.BooleanField("envoyé aussitôt", default=False)
    rows_total = models.PositiveIntegerField("lignes", default=0)
    rows_done = models.PositiveIntegerField("lignes écrites", default=0)
    file = models.FileField("fichier", upload_to="exports/%Y/%m/", blank=True)
    error = models.CharField("erreur", max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    expires_at = models.DateTimeField("expire le", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = "export"
        verbose_name_plural = "exports"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="export_author_recent"),
            models.Index(fields=["state", "expires_at"], name="export_state_expiry"),
        ]

    def __str__(self) -> str:
        return f"Export {self.list_name} ({self.get_file_format_display()})"

    def audit_organization_id(self) -> int | None:
        return self.organization_id

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.state == ExportState.DONE else 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    @property
    def is_finished(self) -> bool:
        return self.state in (ExportState.DONE, ExportState.FAILED, ExportState.EXPIRED)
