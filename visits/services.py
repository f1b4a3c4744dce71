"""Counting a visit without a record: one transaction, no person."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from access.policy import Capability, can
from visits.enums import VisitReason
from visits.models import DETAIL_MAX, PLACE_MAX, Visit


@transaction.atomic
def visit_record(
    *,
    organization,
    user,
    reason: str,
    visited_on: date | None = None,
    place: str = "",
    detail: str = "",
    is_demo: bool = False,
) -> Visit:
    """Count a visit to `organization`'s drop-in session. Only a structure that follows
    people holds one; the user acts for it."""
    if not can(user, Capability.FOLLOW_PERSONS, organization):
        raise PermissionDenied(
            "Seules les structures qui accompagnent des personnes tiennent une permanence."
        )
    if reason not in VisitReason.values:
        raise ValidationError("Choisissez le motif du passage.")
    today = timezone.localdate()
    visited_on = visited_on or today
    if visited_on > today:
        raise ValidationError("Un passage se compte le jour même ou après, pas à l'avance.")
    place, detail = (place or "").strip(), (detail or "").strip()
    if len(place) > PLACE_MAX:
        raise ValidationError(f"Le lieu tient en {PLACE_MAX} caractères au plus.")
    if len(detail) > DETAIL_MAX:
        raise ValidationError(f"Les précisions tiennent en {DETAIL_MAX} caractères au plus.")
    visit = Visit(
        organization=organization,
        visited_on=visited_on,
        place=place,
        reason=reason,
        detail=detail,
        recorded_by=user,
        is_demo=is_demo,
    )
    visit.full_clean()
    visit.save()
    return visit
