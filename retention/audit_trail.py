"""The audit trail of an anonymised person, rewritten: entries about the person's
objects keep who acted, when, and which fields changed, but lose the object's name and
the values of personal fields (the trail must not outlive the file it traces)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from audit.models import AuditEntry
from audit.tracking import AuditedModel
from retention.scrub import personal_models

ERASED = "‹anonymisé›"


def _link_ids(model, person_ids: list[int]) -> tuple[str, list[int]]:
    """The field that ties a row to the person in its first audit entry, and the ids it
    may hold: found in the trail even when the row itself was deleted since."""
    lookup = model.personal_data_of
    if lookup == "pk":
        return "", person_ids
    first, _, rest = lookup.partition("__")
    if not rest:
        return first, person_ids
    related = model._meta.get_field(first).related_model
    return first, list(
        related._base_manager.filter(**{f"{rest}__in": person_ids}).values_list("pk", flat=True)
    )


def entries_about(model, person_ids: list[int]):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = AuditEntry.objects.filter(content_type=content_type)
    field, ids = _link_ids(model, person_ids)
    if not field:
        return entries.filter(object_id__in=[str(pk) for pk in ids])
    live = model._base_manager.filter(**{f"{model.personal_data_of}__in": person_ids})
    created_for = entries.filter(
        Q(**{f"changes__{field}__1__in": ids}) | Q(**{f"changes__{field}__0__in": ids})
    )
    object_ids = {str(pk) for pk in live.values_list("pk", flat=True)}
    object_ids |= set(created_for.values_list("object_id", flat=True))
    return entries.filter(object_id__in=object_ids)


def _scrubbed(entry: AuditEntry, model) -> AuditEntry:
    hidden = set(model.personal_fields) | set(model.audit_redacted)
    entry.object_repr = f"{str(model._meta.verbose_name).capitalize()} n° {entry.object_id}"
    entry.changes = {
        name: [None if v in (None, "") else ERASED for v in values] if name in hidden else values
        for name, values in entry.changes.items()
    }
    return entry


def scrub_trail_of_rows(model, ids: list) -> int:
    """Rewrite the entries about these rows of `model` (which declares its fields)."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = AuditEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids]
    )
    batch = [_scrubbed(e, model) for e in entries]
    AuditEntry.objects.bulk_update(batch, ["object_repr", "changes"], batch_size=500)
    return len(batch)


def scrub_trail(person_ids: list[int]) -> int:
    """Rewrite every entry about the objects of these persons; returns how many."""
    count = 0
    for model in personal_models():
        if not issubclass(model, AuditedModel):
            continue
        batch = [_scrubbed(e, model) for e in entries_about(model, person_ids)]
        AuditEntry.objects.bulk_update(batch, ["object_repr", "changes"], batch_size=500)
        count += len(batch)
    return count
