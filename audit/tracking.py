"""The one mechanism that records every create, update and delete of domain objects.

Domain models inherit `AuditedModel`. It keeps a snapshot of the field values as loaded,
and on `save()` / `delete()` writes an `AuditEntry` with the fields that changed, in the
same transaction. This lives in the model base on purpose: a service that forgets to log
would leave a hole in the trail, and the trail must be complete. Bulk queryset
operations (`update()`, `bulk_create()`) bypass it, so domain code does not use them on
audited models.
"""

import hashlib
import hmac
from copy import deepcopy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from audit.context import current_actor
from audit.models import Action, AuditEntry
from lib.choice_labels import ChoiceLabels

SYSTEM_ACTOR = "Système"


def _field_value(instance, field):
    value = field.value_from_object(instance)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return field.value_to_string(instance)


REDACTED = "‹texte masqué›"


def _redacted(value):
    # A keyed digest, not the text: the trail still shows *that* it changed, never *what*
    # it says. Keyed, because a plain hash of a phone number or a birth date is found
    # again by trying every value.
    if value in (None, ""):
        return value
    digest = hmac.new(settings.SECRET_KEY.encode(), str(value).encode(), hashlib.sha256)
    return f"{REDACTED} #{digest.hexdigest()[:8]}"


class AuditedModel(ChoiceLabels):
    # Fields never written to the trail (secrets), and fields too noisy to be useful.
    audit_exclude: tuple[str, ...] = ("updated_at",)
    # Fields whose change is recorded but not their values: free text that may hold
    # health, justice or family details, which the trail must not copy.
    audit_redacted: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        creating = self._state.adding
        before = self._audit_before()
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            after = self._audit_values()
            if creating:
                changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
                self._audit_write(Action.CREATE, changes)
            else:
                changes = {
                    k: [before.get(k), v]
                    for k, v in after.items()
                    if k in before and before[k] != v
                }
                if changes:
                    self._audit_write(Action.UPDATE, changes)
        self._audit_snapshot = after
        self.__dict__.pop("_audit_loaded", None)

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            self._audit_write(Action.DELETE, {})
            return super().delete(*args, **kwargs)

    def audit_related_change(self, field: str, before, after) -> None:
        """Record a change the snapshot cannot see, such as a many-to-many set."""
        if before != after:
            self._audit_write(Action.UPDATE, {field: [before, after]})

    # --- what each model says about itself -------------------------------------------
    def audit_organization_id(self) -> int | None:
        """The organization whose members may read this object's trail."""
        return None

    def audit_label(self) -> str:
        """How the trail names the object; override where `str()` would reveal too much."""
        return str(self)

    # --- mechanics ----------------------------------------------------------------------
    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The values as loaded, kept as they came (a tuple): most objects are only read,
        # and working out the trail's values of every row a page loads costs more than the
        # page. A list or a dict (JSON) is copied, as it may be changed in place before a
        # save; a model without such a field keeps the row's own tuple.
        if cls._audit_has_mutable_values():
            values = tuple(deepcopy(v) if isinstance(v, list | dict) else v for v in values)
        instance._audit_loaded = (field_names, values)
        return instance

    @classmethod
    def _audit_has_mutable_values(cls) -> bool:
        """Whether a loaded value may be a list or a dict (JSON and array fields)."""
        mutable = cls.__dict__.get("_audit_mutable_cache")
        if mutable is None:
            mutable = any(
                f.get_internal_type() in ("JSONField", "ArrayField")
                for f in cls._meta.concrete_fields
            )
            cls._audit_mutable_cache = mutable
        return mutable

    def _audit_before(self) -> dict:
        """The trail's values of the object as loaded (or as last saved)."""
        if "_audit_snapshot" in self.__dict__:
            return self._audit_snapshot
        loaded = self.__dict__.get("_audit_loaded")
        if loaded is None:
            return {}
        # An instance holding only what was loaded: the fields then read it as they
        # would have read this one at load time (file fields, foreign keys' ids…).
        as_loaded = self.__class__.__new__(self.__class__)
        as_loaded.__dict__.update(zip(*loaded, strict=True))
        self._audit_snapshot = as_loaded._audit_values()
        return self._audit_snapshot

    @classmethod
    def _audit_fields(cls):
        fields = cls.__dict__.get("_audit_fields_cache")
        if fields is None:
            fields = [
                f
                for f in cls._meta.concrete_fields
                if f.name not in cls.audit_exclude and not f.primary_key
            ]
            cls._audit_fields_cache = fields
        return fields

    def _audit_values(self) -> dict:
        loaded = self.__dict__
        return {
            f.name: _redacted(_field_value(self, f))
            if f.name in self.audit_redacted
            else _field_value(self, f)
            for f in self._audit_fields()
            if f.attname in loaded
        }

    def _audit_write(self, action: str, changes: dict) -> None:
        actor = current_actor()
        AuditEntry.objects.create(
            content_type=ContentType.objects.get_for_model(self, for_concrete_model=False),
            object_id=str(self.pk),
            object_repr=self.audit_label()[:255],
            action=action,
            changes=changes,
            actor=actor,
            actor_repr=str(actor) if actor else SYSTEM_ACTOR,
            organization_id=self.audit_organization_id(),
        )
