"""Write of the directory profile: what an organization publishes for prescribers."""

from django.core.exceptions import ValidationError
from django.db import transaction

from organizations.directory import DIRECTORY_KINDS
from organizations.models import Organization


@transaction.atomic
def referral_profile_update(
    *,
    organization: Organization,
    accepts_referrals: bool,
    referral_note: str,
    capacity_note: str,
    jobs,
    themes,
) -> Organization:
    """Set the profile; the trail records each field and each list that changed."""
    if organization.kind not in DIRECTORY_KINDS and accepts_referrals:
        raise ValidationError(
            "Seules les structures qui accompagnent des personnes reçoivent des orientations."
        )
    organization.accepts_referrals = accepts_referrals
    organization.referral_note = referral_note.strip()
    organization.capacity_note = capacity_note.strip()
    organization.full_clean()
    organization.save()
    for field, values in (("referral_jobs", jobs), ("referral_themes", themes)):
        related = getattr(organization, field)
        before = sorted(str(pk) for pk in related.values_list("pk", flat=True))
        related.set(values)
        organization.audit_related_change(field, before, sorted(str(v.pk) for v in values))
    return organization
