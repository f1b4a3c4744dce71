from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    CREATE = "create", "Création"
    UPDATE = "update", "Modification"
    DELETE = "delete", "Suppression"


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )

    def visible_to(self, user):
        """Entries about the organizations the user belongs to; platform admins see all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(organization_id__in=user.memberships.active().values("organization_id"))


class AuditEntry(models.Model):
    """One create, update or delete of a domain object: who, when, which fields, old and
    new values. Written in the same transaction as the change itself."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("objet", max_length=255)
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField("champs modifiés", default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField("auteur", max_length=255)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal des modifications"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            models.Index(fields=["organization", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} de {self.object_repr} par {self.actor_repr}"

    def labelled_changes(self) -> list[tuple[str, object, object]]:
        """(field label, old, new) in the model's words, for display."""
        model = self.content_type.model_class()
        labels = {}
        if model is not None:
            labels = {
                f.name: str(f.verbose_name)
                for f in model._meta.get_fields()
                if hasattr(f, "verbose_name")
            }
        return [
            (labels.get(name, name).capitalize(), values[0], values[1])
            for name, values in self.changes.items()
        ]


class SensitiveReadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organization admins read the log of their organization's reads."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(
            organization_id__in=user.memberships.active()
            .filter(role="admin")
            .values("organization_id")
        )


class SensitiveRead(models.Model):
    """A read of sensitive personal data (health, justice, family details, barriers):
    who read what about whom, when, from which page or endpoint.

    Kept after the person is anonymised: it is the professionals' accountability, and
    names the data read (« freins : santé »), never its content."""

    personal_data_of = "person"
    personal_fields: dict = {}
    impersonal_fields = ("what", "path")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="+")
    what = models.CharField("donnée consultée", max_length=100)
    path = models.CharField("page ou point d'API", max_length=255, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = SensitiveReadQuerySet.as_manager()

    class Meta:
        verbose_name = "consultation de données sensibles"
        verbose_name_plural = "journal des consultations de données sensibles"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} a consulté {self.what} le {self.at:%d/%m/%Y %H:%M}"
