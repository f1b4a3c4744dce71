"""What a counsellor needs first on a person's pathway and plan pages, above the rest:
each open pathway's state, referent, PASS IAE end and open alerts, and the next
appointment. Milestones only for whoever sees no more."""

from employment.selectors import open_alerts_of
from pathways.models import Pathway
from pathways.state_machine import ENDED_STATES
from persons.levels import Level
from plans.selectors import next_appointment


def person_essentials(user, person, level, *, pathways=None) -> dict:
    """`pathways`: the person's pathways the page already read for the user, latest
    first, with their organization and referent (the pathways tab); else they are read."""
    if pathways is not None:
        pathways = [p for p in pathways if p.state not in ENDED_STATES]
    else:
        pathways = list(
            Pathway.objects.about(person, user)
            .open()
            .select_related("organization", "referent")
            .order_by("-started_on", "-id")
        )
    if level < Level.TEAM:
        return {"pathways": [(pathway, []) for pathway in pathways], "next_appointment": None}
    alerts: dict[int, list] = {}
    for alert in open_alerts_of(pathways):
        alerts.setdefault(alert.pathway_id, []).append(alert)
    return {
        "pathways": [(pathway, alerts.get(pathway.pk, [])) for pathway in pathways],
        "next_appointment": next_appointment(user, person),
    }
