"""Exits in the API: the post-exit checks due in the structure the user acts for, and
recording one; through the same services and access as the pages (a stranger gets 404,
a partner on the team 403)."""

from datetime import date
from typing import Literal

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from api.pagination import PageNumber
from api.schemas import Choice, Id, SafeDate, Text, errors
from employment.enums import COUNSELLOR_CHANNELS
from exits import selectors, services
from exits.access import check_to_manage
from exits.enums import Situation
from pathways.api import acting_organization

router = Router(tags=["Sorties"])


class CheckOut(Schema):
    id: int
    pathway_id: int
    person_id: int = Field(alias="pathway.person_id")
    exit_reason: str = Field(alias="pathway.exit_reason")
    exit_category: str = Field(alias="pathway.exit_category")
    closed_on: date | None = Field(alias="pathway.closed_on")
    due_on: date
    done_on: date | None
    situation: str
    channel: str


class CheckIn(Schema):
    done_on: SafeDate
    situation: Choice(Situation)
    channel: Literal[tuple(c.value for c in COUNSELLOR_CHANNELS)]
    comment: Text() = ""


@router.get(
    "/post-exit-checks",
    response={200: list[CheckOut], **errors(403)},
    summary="Les suivis après sortie à faire (prévus aujourd'hui ou avant)",
)
@paginate(PageNumber)
def due_checks(request, organization_id: Id | None = None):
    organization = acting_organization(request, organization_id)
    return selectors.due_checks(organization)


@router.post(
    "/post-exit-checks/{check_id}",
    response={200: CheckOut, **errors(400, 403, 404)},
    summary="Enregistrer la situation de la personne après sa sortie",
)
def record_check(request, check_id: Id, payload: CheckIn):
    _, _, check = check_to_manage(request.user, check_id)
    return services.check_record(check=check, user=request.user, **payload.dict())
