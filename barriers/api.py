"""Barriers in the API: the referential, a person's barriers, their status. The same
rules as the pages (`barriers.access.barriers_for`): the person at Level.TEAM (404 if
the user may not see them), an organization that may see barriers (403 otherwise, for
prescribers), and every answer that shows a sensitive theme is logged as a sensitive
read."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from api.schemas import Choice, Id, SafeDate, Text, errors
from audit.reads import log_sensitive_read
from barriers.access import SENSITIVE_WHAT, barriers_for
from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, PersonBarrier
from barriers.selectors import shows_sensitive, themes_with_items
from barriers.services import barrier_change_status, barrier_identify

router = Router(tags=["Freins"])


class ItemOut(Schema):
    code: str
    label: str
    lifted_by: list[str] = Field(description="Thématiques data·inclusion qui lèvent ce frein")


class ThemeOut(Schema):
    code: str = Field(description="Thème data·inclusion")
    label: str
    is_sensitive: bool = Field(description="Santé, justice, famille : lectures journalisées")
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj) -> list:
        return list(obj.items.all())


class StatusChangeOut(Schema):
    """A barrier's move, under the names the API has always given a barrier's status."""

    from_status: str
    to_status: str
    at: datetime
    by: str | None
    comment: str

    @staticmethod
    def resolve_from_status(obj) -> str:
        return obj.from_state

    @staticmethod
    def resolve_to_status(obj) -> str:
        return obj.to_state

    @staticmethod
    def resolve_by(obj) -> str | None:
        return str(obj.by) if obj.by_id else None


class BarrierOut(Schema):
    id: int
    theme: str
    theme_label: str
    is_sensitive: bool
    item: str
    item_label: str
    status: str
    status_label: str
    detail: str
    identified_on: date
    lifted_on: date | None
    organization: str | None
    history: list[StatusChangeOut]

    @staticmethod
    def resolve_theme(obj) -> str:
        return obj.item.theme.code

    @staticmethod
    def resolve_theme_label(obj) -> str:
        return obj.item.theme.label

    @staticmethod
    def resolve_item(obj) -> str:
        return obj.item.code

    @staticmethod
    def resolve_item_label(obj) -> str:
        return obj.item.label

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.organization.name if obj.organization_id else None

    @staticmethod
    def resolve_history(obj) -> list:
        return list(obj.status_changes.all())


class BarrierIn(Schema):
    item: Text(60) = Field(description="Code du frein (voir /barrier-themes)")
    detail: Text(2000) = ""
    identified_on: SafeDate | None = None


class BarrierStatusIn(Schema):
    status: Choice(BarrierStatus)
    comment: Text(2000) = ""


def _access(request, person_id: int):
    person, _, organization = barriers_for(request.user, person_id)
    return person, organization


def _log_if_sensitive(request, person, organization, barriers) -> None:
    if shows_sensitive(barriers):
        log_sensitive_read(
            user=request.user,
            person=person,
            what=SENSITIVE_WHAT,
            organization=organization,
            path=request.path,
        )


@router.get(
    "/barrier-themes",
    response={200: list[ThemeOut], **errors(403)},
    summary="Référentiel des freins",
)
def barrier_themes(request):
    return list(themes_with_items())


@router.get(
    "/persons/{person_id}/barriers",
    response={200: list[BarrierOut], **errors(403, 404)},
    summary="Freins d'une personne",
    description="Pour l'équipe d'accompagnement seulement. La lecture des thèmes sensibles "
    "(santé, justice, famille) est journalisée.",
)
def person_barriers(request, person_id: Id):
    person, organization = _access(request, person_id)
    barriers = list(
        PersonBarrier.objects.visible_to(request.user).filter(person=person).with_history()
    )
    _log_if_sensitive(request, person, organization, barriers)
    return barriers


@router.post(
    "/persons/{person_id}/barriers",
    response={201: BarrierOut, **errors(400, 403, 404)},
    summary="Noter un frein",
)
def barrier_create(request, person_id: Id, payload: BarrierIn):
    person, organization = _access(request, person_id)
    item = BarrierItem.objects.filter(code=payload.item).select_related("theme").first()
    if item is None:
        raise ValidationError(f"Frein inconnu : « {payload.item} ».")
    barrier = barrier_identify(
        person=person,
        item=item,
        detail=payload.detail,
        identified_on=payload.identified_on,
        user=request.user,
        organization=organization,
    )
    barrier = PersonBarrier.objects.with_history().get(pk=barrier.pk)
    _log_if_sensitive(request, person, organization, [barrier])
    return Status(201, barrier)


@router.post(
    "/persons/{person_id}/barriers/{barrier_id}/status",
    response={200: BarrierOut, **errors(400, 403, 404)},
    summary="Changer l'état d'un frein",
)
def barrier_status(request, person_id: Id, barrier_id: Id, payload: BarrierStatusIn):
    person, organization = _access(request, person_id)
    barrier = get_object_or_404(
        PersonBarrier.objects.visible_to(request.user), person=person, pk=barrier_id
    )
    barrier_change_status(
        barrier=barrier,
        to_status=payload.status,
        comment=payload.comment,
        user=request.user,
        organization=organization,
    )
    barrier = PersonBarrier.objects.with_history().get(pk=barrier.pk)
    _log_if_sensitive(request, person, organization, [barrier])
    return barrier
