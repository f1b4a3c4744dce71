"""What the host of an immersion is shown, field by field: the employer space's pages and
the API build their answers from this allow-list only, never from a model, so that a
field reaches an employer only when it is added here on purpose. The person's last name,
contact details, barriers, health, notes, plan, the structure's own assessment and its
contacts (the tutor it recorded) never do."""

from django.utils import timezone

from immersions.models import Immersion

HOST_FIELDS = (
    "id",
    "display_name",
    "company_name",
    "job",
    "objective_label",
    "start_on",
    "end_on",
    "days",
    "stage",
    "stage_label",
    "accompanied_by",
    "attendance",
    "attendance_label",
    "skills",
    "attitude",
    "attitude_label",
    "to_work_on",
    "comment",
    "hire_prospect",
    "hire_prospect_label",
    "assessed_at",
)

STAGE_LABELS = {"coming": "À venir", "current": "En cours", "finished": "Terminée"}


def stage_of(immersion: Immersion, today=None) -> str:
    today = today or timezone.localdate()
    if immersion.start_on > today:
        return "coming"
    return "finished" if immersion.end_on < today else "current"


def host_card(immersion: Immersion) -> dict:
    """The keys of HOST_FIELDS, in that order (the tests hold them together)."""
    stage = stage_of(immersion)
    return {
        "id": immersion.pk,
        "display_name": immersion.person.display_name_for_employer,
        "company_name": immersion.company.name,
        "job": immersion.appellation.name if immersion.appellation_id else "",
        "objective_label": immersion.get_objective_display(),
        "start_on": immersion.start_on,
        "end_on": immersion.end_on,
        "days": immersion.days,
        "stage": stage,
        "stage_label": STAGE_LABELS[stage],
        "accompanied_by": immersion.organization.name,
        "attendance": immersion.host_attendance,
        "attendance_label": immersion.get_host_attendance_display() or "",
        "skills": immersion.host_skills,
        "attitude": immersion.host_attitude,
        "attitude_label": immersion.get_host_attitude_display() or "",
        "to_work_on": immersion.host_to_work_on,
        "comment": immersion.host_comment,
        "hire_prospect": immersion.host_hire_prospect,
        "hire_prospect_label": immersion.get_host_hire_prospect_display(),
        "assessed_at": immersion.host_assessed_at,
    }
