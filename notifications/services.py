from django.core.exceptions import ValidationError
from django.db import transaction

from notifications.models import NotificationPreference
from notifications.notices import NOTICES


@transaction.atomic
def preferences_set(*, user, by_email: dict[str, bool]) -> None:
    """Record the user's choice for each notice given; notices not given are left alone."""
    known = {notice for notice, _ in NOTICES}
    unknown = set(by_email) - known
    if unknown:
        raise ValidationError(f"Avis inconnu : {', '.join(sorted(unknown))}.")
    for notice, wanted in by_email.items():
        preference, created = NotificationPreference.objects.get_or_create(
            user=user, notice=notice, defaults={"by_email": wanted}
        )
        if not created and preference.by_email != wanted:
            preference.by_email = wanted
            preference.save()
