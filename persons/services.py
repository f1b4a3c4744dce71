"""Writes about persons. Each service is one transaction and appends to the timeline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from persons.duplicates import normalized_phone, search_name_of
from persons.enums import ConsentMethod, ConsentPurpose
from persons.models import Consent, Person
from timeline.models import Audience, EventKind
from timeline.services import record_event

IDENTITY_FIELDS = ("first_name", "last_name", "birth_date", "email", "phone")


def _normalize_identity(person: Person) -> None:
    person.first_name = person.first_name.strip()
    person.last_name = person.last_name.strip()
    person.email = person.email.strip().lower()
    person.phone = normalized_phone(person.phone) if person.phone else ""
    person.search_name = search_name_of(person.first_name, person.last_name)


@transaction.atomic
def person_create(
    *,
    organization,
    user,
    data: dict,
    consent_method: str = ConsentMethod.ORAL,
    is_demo: bool = False,
) -> Person:
    """Create the record with the consent to process data for the support, which the
    counsellor records as given (the person agreed before anything is written)."""
    person = Person(created_by_organization=organization, is_demo=is_demo, **data)
    _normalize_identity(person)
    person.full_clean(exclude=["search_name"])
    person.save()
    Consent.objects.create(
        person=person,
        purpose=ConsentPurpose.SUPPORT,
        given=True,
        method=consent_method,
        recorded_by=user,
        organization=organization,
    )
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title="Dossier créé",
        detail=f"par {organization}",
        audience=Audience.MILESTONE,
        organization=organization,
        subject=person,
    )
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict) -> Person:
    for field, value in data.items():
        setattr(person, field, value)
    _normalize_identity(person)
    person.full_clean(exclude=["search_name"])
    person.save()
    return person


@transaction.atomic
def consent_record(
    *, person: Person, purpose: str, given: bool, method: str, user, organization
) -> Consent:
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        given=given,
        method=method,
        recorded_by=user,
        organization=organization,
    )
    verb = "donné" if given else "retiré"
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title=f"Consentement {verb} : {consent.get_purpose_display().lower()}",
        organization=organization,
        subject=consent,
    )
    return consent


def touch_contact(person: Person, when=None) -> None:
    """Note a contact with the person (an attended appointment, a call, a note)."""
    when = when or timezone.now()
    if person.last_contact_at is None or person.last_contact_at < when:
        person.last_contact_at = when
        person.save(update_fields=["last_contact_at"])


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person, user, organization) -> Person:
    """Move every record of `duplicate` onto `keep`, then retire `duplicate` (kept as a
    tombstone pointing to `keep`, so old links and the trail still resolve)."""
    if keep.pk == duplicate.pk:
        raise ValidationError("Choisissez deux dossiers différents.")
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError("L'un de ces dossiers a déjà été fusionné.")
    for relation in Person._meta.related_objects:
        if relation.related_model is Person:
            continue
        field = relation.field
        if relation.one_to_many or relation.one_to_one:
            relation.related_model._base_manager.filter(**{field.name: duplicate}).update(
                **{field.name: keep}
            )
    for field in Person._meta.concrete_fields:
        if field.name in {"id", "merged_into", "search_name", "created_at", "updated_at"}:
            continue
        if getattr(keep, field.attname) in (None, "", False, []) and getattr(
            duplicate, field.attname
        ) not in (None, "", False, []):
            setattr(keep, field.attname, getattr(duplicate, field.attname))
    keep.save()
    duplicate.merged_into = keep
    duplicate.save()
    record_event(
        person=keep,
        kind=EventKind.IDENTITY,
        title=f"Dossier fusionné avec un doublon (n° {duplicate.pk})",
        organization=organization,
        subject=keep,
    )
    return keep
