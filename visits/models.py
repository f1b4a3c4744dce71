"""A visit counted without a record: someone came to the drop-in session, was helped,
and left no name (seed 000: « accueille tous les publics sans condition »). Nothing in
it says who: the date, the place, the reason from a short list and a few words. It is
counted per organization (`visits.selectors.visit_counts`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel
from visits.enums import VisitReason

PLACE_MAX = 150
DETAIL_MAX = 500


class Visit(AuditedModel):
    # No person behind it: the words are asked without a name (see the form's hint).
    impersonal_fields = ("place", "detail")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="structure",
    )
    visited_on = models.DateField("date du passage", default=timezone.localdate)
    place = models.CharField("lieu ou permanence", max_length=PLACE_MAX, blank=True)
    reason = models.CharField("motif", max_length=20, choices=VisitReason.choices)
    detail = models.CharField("précisions", max_length=DETAIL_MAX, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "passage sans dossier"
        verbose_name_plural = "passages sans dossier"
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["organization", "visited_on", "reason"])]

    def __str__(self) -> str:
        return f"Passage du {self.visited_on:%d/%m/%Y} : {self.get_reason_display()}"

    def audit_organization_id(self):
        return self.organization_id
