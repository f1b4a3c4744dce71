"""The lifecycle of an event (`lib.lifecycle`): scheduled, then cancelled (final). An
event that took place stays « programmé »: what happened is in its sessions' attendance
and its debrief. A single session of a recurring drop-in is cancelled on its own
(`Occurrence.cancelled_at`), which the calendar feed writes as an EXDATE."""

from events.enums import EventState as S
from lib.lifecycle import Lifecycle

LIFECYCLE = Lifecycle(
    S,
    {S.SCHEDULED: (S.CANCELLED,)},
    actions={S.CANCELLED: "Annuler l'événement"},
    refusal="Cet événement est « {current_lower} » : il ne peut pas passer à « {wanted_lower} ».",
)
