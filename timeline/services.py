from django.utils import timezone

from access.policy import active_memberships
from audit.context import current_actor
from timeline.models import Audience, TimelineEvent


def credited_organization(user, *candidates):
    """The organization `user` acted for, which an event is credited to: the first of
    `candidates` (the organizations that may take this action, most likely first) the
    user is an active member of, else their only organization. An employer answering
    an introduction acts for its company, not for the structure holding the offer;
    None when it cannot be told (no user, several organizations, none matching)."""
    if user is None or not user.is_authenticated:
        return None
    memberships = active_memberships(user)
    own = {m.organization_id: m.organization for m in memberships}
    for candidate in candidates:
        if candidate is not None and candidate.pk in own:
            return candidate
    return memberships[0].organization if len(memberships) == 1 else None


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
