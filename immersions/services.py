"""Writes about immersions. Each is one transaction, checks the dates (30 days at most)
and appends to the person's timeline for the team. `user` is who acts (or
`audit.context.SYSTEM`): they must see the person at Level.TEAM
(`persons.access.require_person_level`)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.context import user_of
from immersions.access import immersion_for_host
from immersions.enums import MAX_DAYS, HireProspect
from immersions.models import Immersion
from persons.access import Level, require_person_level
from timeline.models import Audience, EventKind
from timeline.services import credited_organization, record_event

PLAN_FIELDS = (
    "company",
    "start_on",
    "end_on",
    "objective",
    "appellation",
    "tutor_contact",
    "tutor_name",
)
ASSESSMENT_FIELDS = (
    "assessment",
    "rating_skills",
    "rating_attitude",
    "rating_motivation",
    "outcome",
)


def _check(immersion: Immersion) -> None:
    errors = {}
    if immersion.start_on and immersion.end_on:
        if immersion.end_on < immersion.start_on:
            errors["end_on"] = "La fin de l'immersion ne peut pas précéder son début."
        elif immersion.end_on - immersion.start_on >= timedelta(days=MAX_DAYS):
            errors["end_on"] = (
                f"Une immersion dure {MAX_DAYS} jours au plus : "
                f"celle-ci en compterait {immersion.days}."
            )
    if immersion.tutor_contact_id and immersion.tutor_contact.company_id != immersion.company_id:
        errors["tutor_contact"] = "Ce contact ne travaille pas dans cette entreprise."
    assessed = any(getattr(immersion, name) for name in ASSESSMENT_FIELDS)
    if assessed and immersion.start_on and immersion.start_on > timezone.localdate():
        errors["assessment"] = "Le bilan se fait une fois l'immersion commencée."
    if errors:
        raise ValidationError(errors)


def _dates(immersion: Immersion) -> str:
    return f"du {immersion.start_on:%d/%m/%Y} au {immersion.end_on:%d/%m/%Y}"


@transaction.atomic
def immersion_create(*, person, organization, user, data: dict) -> Immersion:
    require_person_level(user, person, Level.TEAM, authored=True)
    immersion = Immersion(
        person=person,
        organization=organization,
        created_by=user,
        **{name: data[name] for name in PLAN_FIELDS if name in data and data[name] is not None},
    )
    immersion.tutor_name = (immersion.tutor_name or "").strip()
    _check(immersion)
    immersion.full_clean()
    immersion.save()
    job = f" ({immersion.appellation.name})" if immersion.appellation_id else ""
    record_event(
        person=person,
        kind=EventKind.IMMERSION,
        title=f"Immersion chez {immersion.company.name}{job} {_dates(immersion)}",
        detail=immersion.get_objective_display(),
        audience=Audience.TEAM,
        organization=organization,
        subject=immersion,
        actor=user,
        occurred_at=timezone.now(),
    )
    return immersion


@transaction.atomic
def immersion_update(*, immersion: Immersion, user, data: dict) -> Immersion:
    """Change the plan and/or record the assessment. The first assessment with an
    outcome is a step of the person's story: it goes on the timeline."""
    immersion = Immersion.objects.select_for_update().select_related("company").get(pk=immersion.pk)
    require_person_level(user, immersion.person, Level.TEAM)
    had_outcome = bool(immersion.outcome)
    for name in PLAN_FIELDS + ASSESSMENT_FIELDS:
        if name in data:
            value = data[name]
            if name in ("tutor_name", "assessment", "outcome"):
                value = (value or "").strip()
            setattr(immersion, name, value)
    _check(immersion)
    if immersion.outcome and not immersion.assessed_at:
        immersion.assessed_at = timezone.now()
    immersion.full_clean()
    immersion.save()
    if immersion.outcome and not had_outcome:
        record_event(
            person=immersion.person,
            kind=EventKind.IMMERSION,
            title=f"Bilan de l'immersion chez {immersion.company.name} : "
            f"{immersion.get_outcome_display().lower()}",
            audience=Audience.TEAM,
            # A team member of another organization may record the assessment.
            organization=credited_organization(user, immersion.organization)
            or immersion.organization,
            subject=immersion,
            actor=user_of(user),
        )
    return immersion


HOST_ASSESSMENT_FIELDS = (
    "host_attendance",
    "host_skills",
    "host_attitude",
    "host_to_work_on",
    "host_comment",
    "host_hire_prospect",
)


@transaction.atomic
def host_assessment_record(*, immersion: Immersion, user, organization, data: dict) -> Immersion:
    """The host's end assessment, by a user of the host company (or of its employer
    group): how it went and whether it could lead to a hire. The structure reads it on
    the person's file; a new or changed answer about the hire goes on the timeline."""
    immersion = immersion_for_host(user, immersion.pk, organization)
    immersion = Immersion.objects.select_for_update().select_related("company").get(pk=immersion.pk)
    if immersion.start_on > timezone.localdate():
        raise ValidationError(
            {"host_hire_prospect": "Le bilan se fait une fois l'immersion commencée."}
        )
    if (data.get("host_hire_prospect") or "") not in HireProspect.values:
        raise ValidationError(
            {"host_hire_prospect": "Dites si l'immersion pourrait déboucher sur une embauche."}
        )
    previous = immersion.host_hire_prospect
    for name in HOST_ASSESSMENT_FIELDS:
        if name in data:
            value = data[name]
            if name in ("host_skills", "host_to_work_on", "host_comment", "host_hire_prospect"):
                value = (value or "").strip()
            setattr(immersion, name, value)
    immersion.host_assessed_at = timezone.now()
    immersion.host_assessed_by = user
    immersion.full_clean()
    immersion.save()
    if immersion.host_hire_prospect != previous:
        record_event(
            person=immersion.person,
            kind=EventKind.IMMERSION,
            title=f"Bilan de l'entreprise d'accueil {immersion.company.name} — pourrait "
            f"déboucher sur une embauche : {immersion.get_host_hire_prospect_display().lower()}",
            audience=Audience.TEAM,
            organization=immersion.organization,
            subject=immersion,
            actor=user,
        )
    return immersion
