"""Everything held on a person, for their right of access (RGPD art. 15): every table
that declares a person's data (`retention.scrub`), who changed it (the audit trail) and
who read its sensitive parts (`audit.SensitiveRead`, one of those tables).

Notes and timeline events private to another organization are not exported by this one:
they are counted, and that organization answers for them."""

import json
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
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

LEFT_OUT = {"search_name", "name_key", "is_demo", "identity_key"}

# The export is handed to the person: every column reads in French. These columns carry
# no label of their own on their model (Django would show the field's English name);
# a label set on the model wins over this table.
FIELD_LABELS = {
    "id": "numéro",
    "person": "personne",
    "user": "professionnel·le",
    "organization": "organisation",
    "pathway": "parcours",
    "referral": "orientation",
    "introduction": "mise en relation",
    "offer": "offre d'emploi",
    "barrier": "frein",
    "service": "service",
    "commune": "commune",
    "description": "description",
    "at": "le",
    "by": "par",
    "from_state": "état précédent",
    "to_state": "nouvel état",
    "created_at": "créé le",
    "created_by": "créé par",
    "updated_at": "modifié le",
    "updated_by": "modifié par",
    "author": "auteur·rice",
    "actor": "par",
    "added_at": "ajouté le",
    "added_by": "ajouté par",
    "recorded_at": "enregistré le",
    "recorded_by": "enregistré par",
    "uploaded_at": "déposé le",
    "uploaded_by": "déposé par",
    "answered_at": "réponse le",
    "introduced_by_user": "présentée par (professionnel·le)",
    "subject_type": "type d'objet concerné",
    "subject_id": "numéro de l'objet concerné",
    "audience": "visible par",
}


def sentence_case(text) -> str:
    """First letter up, the rest as written: « Bénéficiaire du RSA », not « du rsa »."""
    text = str(text)
    return text[:1].upper() + text[1:]


def field_label(field) -> str:
    """The field's French label: its own verbose_name, unless Django made it up from
    the field's (English) name (« ID » for the primary key)."""
    own = str(field.verbose_name)
    if field.primary_key:
        own = FIELD_LABELS["id"]
    elif own == field.name.replace("_", " ") and field.name in FIELD_LABELS:
        own = FIELD_LABELS[field.name]
    return sentence_case(own)


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


def _changed_labels(model, names) -> list[str]:
    """The trail keeps field names; the person reads their labels."""
    labels = []
    for name in names:
        if name in LEFT_OUT:  # derived or technical: not the person's data as such
            continue
        try:
            labels.append(field_label(model._meta.get_field(name)))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


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
                "title": sentence_case(model._meta.verbose_name_plural),
                "labels": {
                    f.name: field_label(f)
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
                        "fields": sorted(_changed_labels(model, entry.changes)),
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
