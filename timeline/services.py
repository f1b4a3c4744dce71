from django.utils import timezone

from audit.context import current_actor
from timeline.models import Audience, TimelineEvent


def record_event(
    *,
    person,
    kind: str,
    title: str,
    detail: str = "",
    audience: str = Audience.TEAM,
    pathway=None,
    organization=None,
    subject=None,
    occurred_at=None,
    actor=None,
) -> TimelineEvent:
    """Append an event to the person's timeline. Call it inside the service's transaction
    so the event exists exactly when the change does."""
    return TimelineEvent.objects.create(
        person=person,
        pathway=pathway,
        kind=kind,
        title=title[:255],
        detail=detail,
        audience=audience,
        organization=organization,
        actor=actor or current_actor(),
        occurred_at=occurred_at or timezone.now(),
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
    )
