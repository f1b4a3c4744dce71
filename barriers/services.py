"""Writes about a person's barriers. Each is one transaction, logs the status move and
appends to the person's timeline for the team only (never MILESTONE: a prescriber is not
told about barriers). Titles of sensitive themes name the theme, not the item, so the
timeline does not spread a health or justice detail.

`user` is who acts (or `audit.context.SYSTEM`): each service checks that they see the
person at Level.TEAM, for an organization that may see barriers (`barriers.access`)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.context import user_of
from barriers.access import require_barrier_writer
from barriers.enums import OPEN_STATUSES, BarrierStatus
from barriers.models import BarrierItem, BarrierStatusChange, PersonBarrier
from lib.lifecycle import move
from persons.consent import require_consent
from timeline.models import Audience, EventKind
from timeline.services import record_event


def _event_title(barrier: PersonBarrier, what: str) -> str:
    theme = barrier.item.theme
    subject = f"{theme.label.lower()}" if theme.is_sensitive else barrier.item.label
    return f"{what} : {subject}"


@transaction.atomic
def barrier_identify(
    *,
    person,
    item: BarrierItem,
    user,
    organization,
    detail: str = "",
    identified_on: date | None = None,
) -> PersonBarrier:
    require_barrier_writer(user, person, organization, authored=True)
    if (
        PersonBarrier.objects.filter(person=person, item=item, status__in=OPEN_STATUSES)
        .select_for_update()
        .exists()
    ):
        raise ValidationError(f"Le frein « {item.label} » est déjà noté pour cette personne.")
    if item.theme.is_sensitive:
        require_consent(person, "noter un frein de santé, de justice ou de famille")
    identified_on = identified_on or timezone.localdate()
    if identified_on > timezone.localdate():
        raise ValidationError("La date d'identification ne peut pas être dans le futur.")
    barrier = PersonBarrier(
        person=person,
        item=item,
        detail=detail.strip(),
        identified_on=identified_on,
        organization=organization,
        updated_by=user,
    )
    barrier.full_clean()
    barrier.save()
    BarrierStatusChange.record(barrier, to_state=barrier.status, user=user)
    record_event(
        person=person,
        kind=EventKind.BARRIER,
        title=_event_title(barrier, "Frein identifié"),
        audience=Audience.TEAM,
        organization=organization,
        subject=barrier,
        actor=user,
    )
    return barrier


@transaction.atomic
def barrier_change_status(
    *, barrier: PersonBarrier, to_status: str, user, organization=None, comment: str = ""
) -> PersonBarrier:
    """Move the barrier to `to_status` if the lifecycle allows it (see state_machine)."""
    barrier = (
        PersonBarrier.objects.select_for_update().select_related("item__theme").get(pk=barrier.pk)
    )
    require_barrier_writer(user, barrier.person, organization)
    move(
        barrier,
        to_status,
        log=BarrierStatusChange,
        user=user,
        comment=comment.strip(),
        changes={
            "lifted_on": timezone.localdate() if to_status == BarrierStatus.LIFTED else None,
            "updated_by": user_of(user),
        },
    )
    record_event(
        person=barrier.person,
        kind=EventKind.BARRIER,
        title=_event_title(barrier, f"Frein {BarrierStatus(to_status).label.lower()}"),
        detail="" if barrier.is_sensitive else comment.strip(),
        audience=Audience.TEAM,
        organization=organization or barrier.organization,
        subject=barrier,
        actor=user_of(user),
    )
    return barrier
