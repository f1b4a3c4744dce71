"""A visitor of a drop-in session becomes a walk-in in one tap: the attendance list
links to the existing walk-in form (`/permanence/`) with `?presence=<id>`; the form
opens prefilled with the first name written at the door, and once the person's record
is opened the presence names them (`services.visitor_became_walk_in`).

The walk-in page leads back to that session's attendance list (`back_url`): the address
is built from the presence the user organizes, never taken from the request as is."""

import contextlib

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from events.access import is_organizer
from events.models import Attendance
from events.services import visitor_became_walk_in

PARAMETER = "presence"


def _session_visitor(request):
    """The visitor's presence `?presence=` names, at a session the user organizes (once
    welcomed too); None for anything else, a forged value included."""
    value = request.GET.get(PARAMETER, "")
    if not value.isdigit():
        return None
    found = (
        Attendance.objects.select_related("occurrence__event")
        .filter(pk=int(value), registration__isnull=True)
        .first()
    )
    if found is None or not is_organizer(request.user, found.occurrence.event):
        return None
    return found


def _attendance(request):
    """The visitor still to welcome: not yet named."""
    found = _session_visitor(request)
    return found if found is not None and found.person_id is None else None


def back_url(request) -> str:
    """The attendance list of the session the visitor came to, or "" when the page was
    not opened from one the user organizes."""
    found = _session_visitor(request)
    if found is None:
        return ""
    return reverse("session_attendance", args=[found.occurrence.event_id, found.occurrence_id])


def prefill(request) -> dict:
    """The walk-in form's initial values for the visitor of `?presence=`."""
    attendance = _attendance(request)
    if attendance is None:
        return {}
    event = attendance.occurrence.event
    day = timezone.localtime(attendance.occurrence.starts_at)
    return {
        "first_name": attendance.visitor_name,
        "looking_for": f"Venu·e à la permanence « {event.title} » du {day:%d/%m/%Y}.",
    }


def link(request, person) -> None:
    """After the walk-in form opened the record: the presence names the person."""
    attendance = _attendance(request)
    if attendance is None:
        return
    with contextlib.suppress(PermissionDenied):
        visitor_became_walk_in(attendance=attendance, person=person, user=request.user)
