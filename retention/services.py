"""Anonymising a person's file, by the two-year rule (`retention_run`, the periodic
job) or on the person's request (`person_erase`): one code path, one transaction per
person, so a crash leaves each file either whole or anonymised, and a rerun goes on
where the last one stopped."""

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.context import acting_as
from audit.reads import log_sensitive_read
from offers import request_keys as offer_request_keys
from offers.models import OfferInterest
from persons.models import Person
from retention import activity
from retention.audit_trail import scrub_trail, scrub_trail_of_rows
from retention.export import subject_access
from retention.models import Anonymisation, Cause, ErasureWarning
from retention.notifications import warn_on_commit
from retention.recipients import warning_recipients
from retention.scrub import ANONYMOUS, Scrub, constant_value, personal_models, year_only

BATCH_SIZE = 200


def _with_merged_duplicates(person: Person) -> list[int]:
    """The person and the duplicates merged into them: the tombstones keep an identity."""
    ids, frontier = [person.pk], [person.pk]
    while frontier:
        frontier = list(
            Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        ids += frontier
    return ids


def _scrub_rows(model, person_ids: list[int]) -> list:
    """Scrub the model's rows of these persons; returns the files to delete."""
    rows = model._base_manager.filter(**{f"{model.personal_data_of}__in": person_ids})
    constants = {
        name: constant_value(scrub)
        for name, scrub in model.personal_fields.items()
        if scrub not in (Scrub.YEAR, Scrub.FILE)
    }
    files = []
    for name, scrub in model.personal_fields.items():
        if scrub == Scrub.FILE:
            storage = model._meta.get_field(name).storage
            files += [(storage, f) for f in rows.exclude(**{name: ""}).values_list(name, flat=True)]
            constants[name] = ""
        elif scrub == Scrub.YEAR:
            for pk, value in rows.exclude(**{f"{name}__isnull": True}).values_list("pk", name):
                model._base_manager.filter(pk=pk).update(**{name: year_only(value)})
    if constants:
        # Not through save(): the trail must not record the old values (see audit_trail).
        rows.update(**constants)
    return files


@transaction.atomic
def person_anonymise(
    *, person: Person, cause: str, now=None, reason: str = "", user=None, organization=None
) -> Anonymisation:
    """Anonymise the file: identity, contact details, free texts and documents go;
    pathways, states, exits, referral states, barriers' themes, contract types stay, so
    the statistics do not move. Idempotent: a file already anonymised is left as is."""
    now = now or timezone.now()
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.merged_into_id:
        raise ValidationError("Ce dossier a été fusionné : effacez le dossier conservé.")
    if locked.anonymised_at is not None:
        return Anonymisation.objects.get(person=locked)
    last_activity = activity.last_activity_of(locked)
    person_ids = _with_merged_duplicates(locked)
    files = []
    for model in personal_models():
        files += _scrub_rows(model, person_ids)
    scrub_trail(person_ids)
    Person.objects.filter(pk__in=person_ids).update(anonymised_at=now)
    # The trail names who erased the file, however the service is called.
    with acting_as(user) if user is not None else nullcontext():
        record = Anonymisation.objects.create(
            person=locked,
            cause=cause,
            reason=reason.strip(),
            at=now,
            by=user,
            organization=organization,
            last_activity_at=last_activity,
        )
    # Last, once every row is scrubbed: should the commit fail, the rerun anonymises a
    # file whose documents are already gone, never the reverse.
    for storage, name in files:
        storage.delete(name)
    return record


def person_data_export(*, person: Person, user, organization, path: str = "") -> dict:
    """Everything held on the person, for their right of access. Logged as a sensitive
    read first, so the export lists itself among the reads."""
    log_sensitive_read(
        user=user,
        person=person,
        what="export des données (droit d'accès)",
        organization=organization,
        path=path,
    )
    return subject_access(person, user=user)


def person_erase(*, person: Person, user, organization, reason: str, now=None) -> Anonymisation:
    """Erasure at the person's request, by an admin of an organization that follows
    them (checked by the caller): anonymised at once, the reason in the trail."""
    if not reason.strip():
        raise ValidationError("Indiquez la raison de l'effacement (la demande reçue).")
    return person_anonymise(
        person=person,
        cause=Cause.REQUEST,
        now=now,
        reason=reason,
        user=user,
        organization=organization,
    )


@transaction.atomic
def _warn(person: Person, now) -> ErasureWarning:
    warning, _ = ErasureWarning.objects.update_or_create(
        person=person,
        defaults={
            "last_activity_at": person.last_activity,
            "warned_at": now,
            "recipients": len(warning_recipients(person)),
        },
    )
    warn_on_commit(warning, deadline=now + activity.NOTICE)
    return warning


def _anonymise_if_still_due(person: Person, now) -> bool:
    with transaction.atomic():
        # Re-read under the lock: a contact may have come since the batch was read.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        if not activity.due_for_anonymisation(now).filter(pk=person.pk).exists():
            return False
        person_anonymise(person=person, cause=Cause.INACTIVITY, now=now)
        return True


@transaction.atomic
def interests_expire(now, batch_size: int = BATCH_SIZE) -> int:
    """« Je suis intéressé·e » left on the public board more than two years ago: the
    name and contact details go, the count of interests per offer stays."""
    ids = list(
        OfferInterest.objects.filter(created_at__lt=now - activity.RETENTION)
        .exclude(last_name=ANONYMOUS)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    )
    values = {name: constant_value(scrub) for name, scrub in OfferInterest.personal_fields.items()}
    OfferInterest.objects.filter(pk__in=ids).update(**values)
    scrub_trail_of_rows(OfferInterest, ids)
    return len(ids)


def retention_run(now=None, batch_size: int = BATCH_SIZE) -> dict:
    """The periodic job: warn the referents of files due within 30 days, anonymise the
    files due whose referent was warned 30 days ago. One batch of each per run; each
    person in their own transaction."""
    now = now or timezone.now()
    counts = {"warned": 0, "anonymised": 0}
    if interests := interests_expire(now, batch_size):
        counts["interests"] = interests
    if request_keys := offer_request_keys.keys_expire(now):
        counts["request_keys"] = request_keys
    for person in list(activity.due_for_warning(now)[:batch_size]):
        _warn(person, now)
        counts["warned"] += 1
    for person in list(activity.due_for_anonymisation(now)[:batch_size]):
        counts["anonymised"] += _anonymise_if_still_due(person, now)
    return counts


def retention_pending(now=None) -> dict:
    """What a run would do now, without doing it (`--dry-run`)."""
    now = now or timezone.now()
    return {
        "warned": activity.due_for_warning(now).count(),
        "anonymised": activity.due_for_anonymisation(now).count(),
    }
