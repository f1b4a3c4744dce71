"""Everything held on a person, for their right of access (RGPD art. 15): every table
that declares a person's data (`retention.scrub`), who changed it (the audit trail) and
who read its sensitive parts (`audit.SensitiveRead`, one of those tables).

Notes and timeline events private to another organization are not exported by this one:
they are counted, and that organization answers for them."""

import json
from datetime import date, datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.policy import active_memberships
from audit.tracking import AuditedModel
from plans.enums import NoteVisibility
from plans.models import Note
from retention.audit_trail import entries_about
from retention.scrub import personal_models
from timeline.models import Audience, TimelineEvent

LEFT_OUT = {"search_name", "is_demo", "identity_key"}


def _value(instance, field):
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")() or None
    value = getattr(instance, field.name)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(field, models.FileField):
        return value.name or None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return value
    return str(value)


def _rows(model, rows) -> list[dict]:
    fields = [f for f in model._meta.concrete_fields if f.name not in LEFT_OUT]
    return [{f.name: _value(row, f) for f in fields} for row in rows]


def _rows_of(model, person_ids: list[int], organization_ids: list[int]):
    rows = model.objects.filter(**{f"{model.personal_data_of}__in": person_ids})
    if model is Note:
        return rows.filter(
            Q(visibility=NoteVisibility.TEAM) | Q(organization_id__in=organization_ids)
        )
    if model is TimelineEvent:
        return rows.exclude(
            Q(audience=Audience.ORGANIZATION) & ~Q(organization_id__in=organization_ids)
        )
    return rows


def subject_access(person, *, user) -> dict:
    """The person's data, section by section: {"sections": [{title, model, rows}],
    "withheld": {...}}. JSON-able as is."""
    organization_ids = [m.organization_id for m in active_memberships(user)]
    person_ids = [person.pk]
    sections = []
    for model in personal_models():
        rows = _rows_of(model, person_ids, organization_ids)
        sections.append(
            {
                "model": model._meta.label,
                "title": str(model._meta.verbose_name_plural).capitalize(),
                "labels": {
                    f.name: str(f.verbose_name).capitalize()
                    for f in model._meta.concrete_fields
                    if f.name not in LEFT_OUT
                },
                "rows": _rows(model, rows.order_by("pk")),
            }
        )
    trail = []
    for model in personal_models():
        if issubclass(model, AuditedModel):
            for entry in entries_about(model, person_ids):
                trail.append(
                    {
                        "at": timezone.localtime(entry.created_at).isoformat(timespec="minutes"),
                        "object": entry.object_repr,
                        "action": entry.get_action_display(),
                        "by": entry.actor_repr,
                        "fields": sorted(entry.changes),
                    }
                )
    sections.append(
        {
            "model": "audit.AuditEntry",
            "title": "Journal des modifications",
            "labels": {
                "at": "Le",
                "object": "Objet",
                "action": "Action",
                "by": "Par",
                "fields": "Champs modifiés",
            },
            "rows": sorted(trail, key=lambda row: row["at"]),
        }
    )
    return {
        "person_id": person.pk,
        "exported_at": timezone.localtime().isoformat(timespec="minutes"),
        "sections": sections,
        "withheld": {
            "private_notes_of_other_organizations": Note.objects.filter(person=person)
            .exclude(visibility=NoteVisibility.TEAM)
            .exclude(organization_id__in=organization_ids)
            .count(),
            "private_events_of_other_organizations": TimelineEvent.objects.filter(
                person=person, audience=Audience.ORGANIZATION
            )
            .exclude(organization_id__in=organization_ids)
            .count(),
        },
    }


def as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
