"""What each user chose to receive by email. No row means the default: the email is
sent. A row with `by_email` false is an opt-out."""

from django.conf import settings
from django.db import models

from audit.tracking import AuditedModel
from notifications.notices import NOTICES


class NotificationPreferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def opted_out(self, notice: str):
        return self.filter(notice=notice, by_email=False)


class NotificationPreference(AuditedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    notice = models.CharField("avis", max_length=40, choices=NOTICES)
    by_email = models.BooleanField("par courriel", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"
        ordering = ["user", "notice"]
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="one_preference_per_notice")
        ]

    def __str__(self) -> str:
        state = "par courriel" if self.by_email else "sans courriel"
        return f"{self.get_notice_display()} : {state}"
