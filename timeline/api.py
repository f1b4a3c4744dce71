"""A person's timeline in the API, at the same level as the « Chronologie » tab: the
team sees shared events and their organization's private ones, a prescriber only the
milestones, a stranger nothing (404)."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from access.policy import active_memberships
from api.pagination import PageNumber
from api.schemas import Id, errors
from pathways.api import access_person_api
from persons.levels import Level
from timeline.models import EventKind, TimelineEvent

router = Router(tags=["Chronologie"])


class EventOut(Schema):
    id: int
    kind: EventKind
    kind_label: str
    occurred_at: datetime
    title: str
    detail: str | None
    pathway_id: int | None
    organization_id: int | None

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_detail(obj, context):
        level = getattr(context["request"], "person_level", Level.NONE)
        return obj.detail if level >= Level.TEAM else None


@router.get(
    "/persons/{person_id}/timeline",
    response={200: list[EventOut], **errors(403, 404)},
    summary="La chronologie d'une personne, les plus récents d'abord",
)
@paginate(PageNumber)
def person_timeline(request, person_id: Id, kind: EventKind | None = None):
    person, level = access_person_api(request, person_id, needed=Level.MILESTONES)
    organization_ids = [m.organization_id for m in active_memberships(request.user)]
    events = TimelineEvent.objects.filter(person=person).for_level(level, organization_ids)
    if kind:
        events = events.filter(kind=kind)
    return events.order_by("-occurred_at", "-id")
