"""Writes about persons. Each service is one transaction and appends to the timeline.

The services that change an existing person check who acts (`actor`, or `user` where
the service records them) through `persons.access.require_person_level`: the file is
changed by the team (Level.TEAM). The system acts as `audit.context.SYSTEM`."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from access import ledger
from audit.context import user_of
from audit.tracking import AuditedModel
from lib.phonetic import name_key
from persons.access import Level, require_person_level
from persons.duplicates import (
    DuplicatePersonError,
    identity_key_of,
    normalized_phone,
    search_name_of,
)
from persons.enums import ConsentMethod, ConsentPurpose, ContractType
from persons.models import WISH_WORDS_MAX, Consent, Experience, Person, Wish
from timeline.models import Audience, EventKind
from timeline.services import record_event

IDENTITY_FIELDS = ("first_name", "last_name", "birth_date", "email", "phone")


def _normalize_identity(person: Person) -> None:
    person.first_name = person.first_name.strip()
    person.last_name = person.last_name.strip()
    person.email = person.email.strip().lower()
    person.phone = normalized_phone(person.phone) if person.phone else ""
    person.search_name = search_name_of(person.first_name, person.last_name)
    person.name_key = name_key(person.first_name, person.last_name)


def _identity_key(person: Person) -> str | None:
    return identity_key_of(
        first_name=person.first_name, last_name=person.last_name, birth_date=person.birth_date
    )


def _identity_taken(person: Person, key: str) -> bool:
    others = Person.objects.active().filter(identity_key=key, birth_date__isnull=False)
    return others.exclude(pk=person.pk).exists() if person.pk else others.exists()


def _save_with_identity(person: Person, *, duplicate_fails: bool) -> None:
    """Save the record holding its identity key (persons.duplicates). Two active records
    of the same names and birth date cannot both hold it: the database refuses the
    second even when both were checked at the same moment. With `duplicate_fails` (a
    new record the user did not confirm as another person) that is a duplicate;
    otherwise (a homonym confirmed by the user, a record changed) the record is saved
    without the key."""
    key = _identity_key(person)
    if key is not None and key != person.identity_key and not duplicate_fails:
        key = None if _identity_taken(person, key) else key
    person.identity_key = key
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        if key is None or not _identity_taken(person, key):
            raise
        if duplicate_fails:
            raise DuplicatePersonError() from None
        person.identity_key = None  # taken at the same moment by another record
        person.save()


@transaction.atomic
def person_create(
    *,
    organization,
    user,
    data: dict,
    consent_method: str = ConsentMethod.ORAL,
    consent_pending: bool = False,
    homonym_confirmed: bool = False,
    is_demo: bool = False,
) -> Person:
    """Create the record with the consent to process data for the support, which the
    counsellor records as given (the person agreed before anything is written), or,
    with `consent_pending`, to be collected at the next meeting (`persons.consent`).

    Raises DuplicatePersonError when an active record has the same names and birth
    date, unless `homonym_confirmed` (the user checked the likely duplicates and says it
    is another person; or a way in that always writes a new record)."""
    person = Person(
        created_by_organization=organization,
        is_demo=is_demo,
        consent_pending=consent_pending,
        **data,
    )
    _normalize_identity(person)
    person.full_clean(exclude=["search_name", "name_key", "identity_key"])
    _save_with_identity(person, duplicate_fails=not homonym_confirmed)
    ledger.refresh([person.pk])
    if consent_pending:
        record_event(
            person=person,
            kind=EventKind.IDENTITY,
            title="Consentement à recueillir au prochain rendez-vous",
            organization=organization,
            subject=person,
        )
    else:
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
def person_update(
    *, person: Person, data: dict, actor, organization=None, title: str = "Dossier mis à jour"
) -> Person:
    """Change the record's fields; the timeline says which ones changed (never their
    values: the timeline is read by the whole team, the values stay on the record)."""
    require_person_level(actor, person, Level.TEAM)
    unknown = set(data) - {f.name for f in Person._meta.concrete_fields if f.editable}
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    before = {field: getattr(person, field) for field in data}
    for field, value in data.items():
        setattr(person, field, value)
    _normalize_identity(person)
    person.full_clean(exclude=["search_name", "name_key", "identity_key"])
    changed = [field for field in data if getattr(person, field) != before[field]]
    _save_with_identity(person, duplicate_fails=False)
    if {"first_name", "last_name"} & set(changed):
        ledger.copy_person(person)
    if changed:
        labels = ", ".join(str(Person._meta.get_field(f).verbose_name) for f in changed)
        record_event(
            person=person,
            kind=EventKind.IDENTITY,
            title=title,
            detail=f"Modifié : {labels}.",
            organization=organization,
            subject=person,
        )
    return person


@transaction.atomic
def wanted_work_update(
    *,
    person: Person,
    contract_types: list[str],
    hours_per_week: int | None,
    actor,
    organization=None,
) -> Person:
    require_person_level(actor, person, Level.TEAM)
    valid = set(ContractType.values)
    if not set(contract_types) <= valid:
        raise ValidationError("Type de contrat inconnu.")
    if hours_per_week is not None and not 1 <= hours_per_week <= 48:
        raise ValidationError("Indiquez un nombre d'heures par semaine entre 1 et 48.")
    ordered = [value for value in ContractType.values if value in contract_types]
    return person_update(
        person=person,
        data={"wanted_contract_types": ordered, "wanted_hours_per_week": hours_per_week},
        actor=actor,
        organization=organization,
        title="Contrats et horaires souhaités mis à jour",
    )


@transaction.atomic
def consent_record(
    *, person: Person, purpose: str, given: bool, method: str, user, organization
) -> Consent:
    require_person_level(user, person, Level.TEAM)
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        given=given,
        method=method,
        recorded_by=user_of(user),
        organization=organization,
    )
    if purpose == ConsentPurpose.SUPPORT and given and person.consent_pending:
        person.consent_pending = False
        person.save(update_fields=["consent_pending", "updated_at"])
    verb = "donné" if given else "retiré"
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title=f"Consentement {verb} : {consent.get_purpose_display().lower()}",
        organization=organization,
        subject=consent,
    )
    return consent


@transaction.atomic
def touch_contact(person: Person, when=None) -> None:
    """Note a contact with the person (an attended appointment, a call, a note), on the
    record and on the copy its rows of the access ledger carry (« sans contact »)."""
    when = when or timezone.now()
    if person.last_contact_at is None or person.last_contact_at < when:
        person.last_contact_at = when
        person.save(update_fields=["last_contact_at"])
        ledger.copy_person(person)


# --- Wishes: the jobs the person wants, in their order --------------------------------


def _renumber_wishes(person: Person) -> None:
    for rank, wish in enumerate(Wish.objects.filter(person=person).order_by("rank", "id"), 1):
        if wish.rank != rank:
            wish.rank = rank
            wish.save()


def _wish_words(own_words: str) -> str:
    """The person's words, whole: refused when too long, never cut."""
    words = (own_words or "").strip()
    if len(words) > WISH_WORDS_MAX:
        raise ValidationError(
            f"Les mots de la personne tiennent en {WISH_WORDS_MAX} caractères au plus "
            f"({len(words)} saisis) : raccourcissez-les, rien n'est coupé sans vous."
        )
    return words


def _check_job_free(person: Person, appellation, *, wish: Wish | None = None) -> None:
    others = Wish.objects.filter(person=person, appellation=appellation)
    if wish is not None:
        others = others.exclude(pk=wish.pk)
    if others.exists():
        raise ValidationError(f"« {appellation} » fait déjà partie des métiers souhaités.")


def _short(words: str, limit: int = 80) -> str:
    """A title's mention of the words; the whole words go in the event's detail."""
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


@transaction.atomic
def wish_add(
    *, person: Person, appellation=None, actor, own_words: str = "", organization=None
) -> Wish:
    """Add a wanted job at the end of the person's list: a job of the ROME, or the
    person's words alone while no job fits yet (linked later by `wish_update`)."""
    require_person_level(actor, person, Level.TEAM)
    words = _wish_words(own_words)
    if appellation is None and not words:
        raise ValidationError(
            "Choisissez un métier ou notez le souhait dans les mots de la personne."
        )
    if appellation is not None:
        _check_job_free(person, appellation)
    last = Wish.objects.filter(person=person).aggregate(last=Max("rank"))["last"] or 0
    wish = Wish(person=person, appellation=appellation, own_words=words, rank=last + 1)
    wish.full_clean()
    wish.save()
    title = (
        f"Métier souhaité ajouté : {appellation}"
        if appellation is not None
        else f"Souhait noté en ses mots : « {_short(words)} »"
    )
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title=title,
        detail=wish.own_words,
        organization=organization,
        subject=wish,
    )
    return wish


@transaction.atomic
def wish_update(*, wish: Wish, appellation, own_words: str, actor, organization=None) -> Wish:
    """Link the wish to a job (or change it) and say it in the person's words. A wish
    keeps a job or words: the words alone are never emptied."""
    require_person_level(actor, wish.person, Level.TEAM)
    words = _wish_words(own_words)
    if appellation is None and not words:
        raise ValidationError(
            "Choisissez un métier ou notez le souhait dans les mots de la personne."
        )
    if appellation is not None:
        _check_job_free(wish.person, appellation, wish=wish)
    linked = appellation is not None and wish.appellation_id != appellation.pk
    before = wish.label
    wish.appellation, wish.own_words = appellation, words
    wish.full_clean()
    wish.save()
    if linked and before.startswith("«"):
        title = f"Souhait relié à un métier : {_short(before)} → {appellation}"
    else:
        title = f"Métier souhaité précisé : {_short(wish.label)}"
    record_event(
        person=wish.person,
        kind=EventKind.IDENTITY,
        title=title,
        detail=wish.own_words,
        organization=organization,
        subject=wish,
    )
    return wish


@transaction.atomic
def wish_remove(*, wish: Wish, actor, organization=None) -> None:
    person = wish.person
    require_person_level(actor, person, Level.TEAM)
    name = _short(wish.label)
    wish.delete()
    _renumber_wishes(person)
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title=f"Métier souhaité retiré : {name}",
        organization=organization,
    )


@transaction.atomic
def wish_move(*, wish: Wish, direction: str, actor, organization=None) -> Wish:
    """Swap the wish with its neighbour above ("up") or below ("down"): one move, one
    event in the timeline (the neighbour's new place goes without saying)."""
    require_person_level(actor, wish.person, Level.TEAM)
    if direction not in ("up", "down"):
        raise ValidationError("Sens de déplacement inconnu.")
    _renumber_wishes(wish.person)
    wish.refresh_from_db()
    siblings = Wish.objects.filter(person=wish.person)
    neighbour = (
        siblings.filter(rank__lt=wish.rank).order_by("-rank").first()
        if direction == "up"
        else siblings.filter(rank__gt=wish.rank).order_by("rank").first()
    )
    if neighbour is None:
        return wish
    wish.rank, neighbour.rank = neighbour.rank, wish.rank
    wish.save()
    neighbour.save()
    record_event(
        person=wish.person,
        kind=EventKind.IDENTITY,
        title=f"Ordre des métiers souhaités : {_short(wish.label)} en position {wish.rank}",
        organization=organization,
        subject=wish,
    )
    return wish


# --- Experiences ------------------------------------------------------------------------


@transaction.atomic
def experience_save(
    *,
    person: Person,
    data: dict,
    actor,
    experience: Experience | None = None,
    organization=None,
) -> Experience:
    """Create (no `experience`) or change an experience of the person."""
    require_person_level(actor, person, Level.TEAM)
    creating = experience is None
    experience = experience or Experience(person=person)
    if experience.person_id != person.pk:
        raise ValidationError("Cette expérience n'est pas celle de cette personne.")
    for field, value in data.items():
        setattr(experience, field, value.strip() if isinstance(value, str) else value)
    if experience.appellation_id is None and not experience.description:
        raise ValidationError("Indiquez le métier ou décrivez l'expérience.")
    if experience.ended_year and not 1950 <= experience.ended_year <= timezone.now().year:
        raise ValidationError("L'année de fin doit être passée ou en cours.")
    experience.full_clean()
    experience.save()
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title=f"Expérience {'ajoutée' if creating else 'modifiée'} : {experience}",
        organization=organization,
        subject=experience,
    )
    return experience


@transaction.atomic
def experience_remove(*, experience: Experience, actor, organization=None) -> None:
    person, name = experience.person, str(experience)
    require_person_level(actor, person, Level.TEAM)
    experience.delete()
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title=f"Expérience retirée : {name}",
        organization=organization,
    )


# --- Merge ------------------------------------------------------------------------------

# Fields whose value on the kept record is not completed from the duplicate.
_NOT_MERGED = {
    "id",
    "merged_into",
    "search_name",
    "name_key",
    "identity_key",
    "created_at",
    "updated_at",
    "is_demo",
}
_EMPTY = (None, "", False, [])


def _relations_to_person():
    """Every foreign key, one-to-one and many-to-many field of every installed model
    that points to Person (including hidden ones with related_name="+", which
    `Person._meta.related_objects` leaves out), but the audit trail's own records: who
    read or changed what stays as it happened."""
    for model in apps.get_models():
        if model is Person or model._meta.app_label == "audit":
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is Person:
                yield model, field


def _move_records(*, keep: Person, duplicate: Person) -> None:
    for model, field in _relations_to_person():
        if field.many_to_many:
            for owner in model._base_manager.filter(**{field.name: duplicate}):
                getattr(owner, field.name).remove(duplicate)
                getattr(owner, field.name).add(keep)
        elif field.one_to_one and model._base_manager.filter(**{field.name: keep}).exists():
            continue  # the kept record already has its own; the duplicate's stays with it
        elif issubclass(model, AuditedModel):
            # One by one, so that the audit trail records each move.
            for record in model._base_manager.filter(**{field.name: duplicate}):
                setattr(record, field.name, keep)
                record.save()
        else:
            model._base_manager.filter(**{field.name: duplicate}).update(**{field.name: keep})


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person, user, organization) -> Person:
    """Move every record of `duplicate` onto `keep`, then retire `duplicate` (kept as a
    tombstone pointing to `keep`, so old links and the trail still resolve). Empty
    fields of `keep` are completed from `duplicate`; the wanted jobs follow the kept
    record's own, in their order."""
    if keep.pk == duplicate.pk:
        raise ValidationError("Choisissez deux dossiers différents.")
    list(Person.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]))
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError("L'un de ces dossiers a déjà été fusionné.")
    # Once neither is merged: a merged record is seen by no one.
    require_person_level(user, keep, Level.TEAM)
    require_person_level(user, duplicate, Level.TEAM)
    # The same job wanted twice: keep the kept record's wish.
    for wish in Wish.objects.filter(
        person=duplicate,
        appellation_id__in=Wish.objects.filter(person=keep).values("appellation_id"),
    ):
        wish.delete()
    offset = Wish.objects.filter(person=keep).aggregate(last=Max("rank"))["last"] or 0
    for wish in Wish.objects.filter(person=duplicate).order_by("rank", "id"):
        wish.rank += offset
        wish.save()
    _move_records(keep=keep, duplicate=duplicate)
    _renumber_wishes(keep)
    for field in Person._meta.concrete_fields:
        if field.name in _NOT_MERGED:
            continue
        if getattr(keep, field.attname) in _EMPTY and getattr(duplicate, field.attname) not in (
            _EMPTY
        ):
            setattr(keep, field.attname, getattr(duplicate, field.attname))
    if duplicate.last_contact_at and (
        keep.last_contact_at is None or keep.last_contact_at < duplicate.last_contact_at
    ):
        keep.last_contact_at = duplicate.last_contact_at
    # The duplicate is retired first: the kept record may now take its identity key.
    duplicate.merged_into = keep
    duplicate.identity_key = None
    duplicate.save()
    _normalize_identity(keep)
    _save_with_identity(keep, duplicate_fails=False)
    # The duplicate's pathways and seats are the kept record's now.
    ledger.refresh([keep.pk, duplicate.pk])
    record_event(
        person=keep,
        kind=EventKind.IDENTITY,
        title=f"Dossier fusionné avec un doublon (n° {duplicate.pk})",
        organization=organization,
        actor=user_of(user),
        subject=keep,
    )
    return keep
