"""Immersions on the host's side in the API: the company (or employer group) that hosts
them lists them as an employer sees a person (`immersions.host_view`) and posts the end
assessment. The structure's side (planning, its own assessment) is in `companies.api`."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema

from api.pagination import MAX_PAGE, page_of_cards
from api.schemas import Choice, Id, Text, errors
from immersions import services
from immersions.access import host_of, host_organizations
from immersions.enums import HireProspect
from immersions.host_view import host_card
from immersions.selectors import hosted_by

router = Router(tags=["Immersions"])


class HostImmersionOut(Schema):
    """The fields of `immersions.host_view.HOST_FIELDS`, and nothing else."""

    id: int
    display_name: str = Field(description="Prénom et initiale du nom")
    company_name: str
    job: str
    objective_label: str
    start_on: date
    end_on: date
    days: int
    stage: str = Field(description="coming, current ou finished")
    stage_label: str
    accompanied_by: str = Field(description="La structure qui accompagne la personne")
    attendance: int | None
    attendance_label: str
    skills: str
    attitude: int | None
    attitude_label: str
    to_work_on: str
    comment: str
    hire_prospect: str
    hire_prospect_label: str
    assessed_at: datetime | None


class HostImmersionPage(Schema):
    count: int
    page: int
    pages: int
    items: list[HostImmersionOut]


class HostAssessmentIn(Schema):
    hire_prospect: Choice(HireProspect) = Field(
        description="L'immersion pourrait-elle déboucher sur une embauche ?"
    )
    attendance: int | None = Field(None, ge=1, le=4, description="Assiduité, de 1 à 4")
    attitude: int | None = Field(None, ge=1, le=4, description="Savoir-être, de 1 à 4")
    skills: Text(2000) = ""
    to_work_on: Text(2000) = ""
    comment: Text(2000) = ""


@router.get(
    "/employer/immersions",
    response=HostImmersionPage,
    summary="Espace employeur : les immersions que vous accueillez",
    description="Prénom et initiale, dates, métier : jamais de frein, de santé, de note "
    "ni de coordonnées.",
)
def host_immersion_list(request, page: int = Query(1, ge=1, le=MAX_PAGE)):
    return page_of_cards(hosted_by(*host_organizations(request.user)), page, host_card)


@router.post(
    "/employer/immersions/{immersion_id}/assessment",
    response={200: HostImmersionOut, **errors(400, 404)},
    summary="Faire le bilan d'une immersion accueillie et dire si elle pourrait "
    "déboucher sur une embauche",
)
def host_assessment(request, immersion_id: Id, payload: HostAssessmentIn):
    immersion, organization = host_of(request.user, immersion_id)
    services.host_assessment_record(
        immersion=immersion,
        user=request.user,
        organization=organization,
        data={
            "host_hire_prospect": payload.hire_prospect,
            "host_attendance": payload.attendance,
            "host_attitude": payload.attitude,
            "host_skills": payload.skills,
            "host_to_work_on": payload.to_work_on,
            "host_comment": payload.comment,
        },
    )
    immersion, _ = host_of(request.user, immersion_id)
    return host_card(immersion)
