"""The other ways in besides a prescriber's referral: the person walks into a drop-in
session, applies from the public page, or a partner spots them (« repérage »). Each is
one transaction that records the person and the entry channel, through the person,
pathway and referral services."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from organizations.enums import KindGroup
from pathways.enums import EntryChannel, PathwayKind
from pathways.models import Pathway
from pathways.services import pathway_open
from persons.duplicates import likely_duplicates, same_identity
from persons.enums import ConsentMethod
from persons.models import Wish
from persons.services import person_create, wish_add
from referrals.enums import Channel
from referrals.models import Referral
from referrals.services import referral_create
from timeline.models import Audience, EventKind
from timeline.services import record_event


def _person(
    *,
    person,
    organization,
    user,
    identity: dict,
    consent_method: str,
    homonym_confirmed: bool,
    is_demo: bool,
    consent_pending: bool = False,
):
    """The person chosen among the duplicates the user may see, or a new record."""
    if person is not None:
        return person
    return person_create(
        organization=organization,
        user=user,
        data=identity,
        consent_method=consent_method,
        consent_pending=consent_pending,
        homonym_confirmed=homonym_confirmed,
        is_demo=is_demo,
    )


def _add_wish(person, wanted_job, own_words: str, organization, actor) -> None:
    if (
        wanted_job is not None
        and not Wish.objects.filter(person=person, appellation=wanted_job).exists()
    ):
        wish_add(
            person=person,
            appellation=wanted_job,
            own_words=own_words.strip(),
            actor=actor,
            organization=organization,
        )


@transaction.atomic
def walk_in_record(
    *,
    organization,
    user,
    identity: dict,
    looking_for: str,
    wanted_job=None,
    person=None,
    consent_method: str = ConsentMethod.ORAL,
    consent_pending: bool = False,
    homonym_confirmed: bool = False,
    is_demo: bool = False,
) -> Pathway:
    """Someone came to the drop-in session: record them (or take the existing record the
    counsellor picked) and open their pathway here, entered as a walk-in."""
    person = _person(
        person=person,
        organization=organization,
        user=user,
        identity=identity,
        consent_method=consent_method,
        consent_pending=consent_pending,
        homonym_confirmed=homonym_confirmed,
        is_demo=is_demo,
    )
    kind = (
        PathwayKind.IAE
        if organization.kind_group == KindGroup.INCLUSION_EMPLOYER
        else PathwayKind.SUPPORT
    )
    pathway = pathway_open(
        person=person,
        organization=organization,
        kind=kind,
        referent=user,
        user=user,
        entry_channel=EntryChannel.WALK_IN,
        is_demo=is_demo,
    )
    # Once the pathway is open: a record picked among the duplicates is followed from now.
    _add_wish(person, wanted_job, looking_for, organization, user)
    if looking_for.strip():
        record_event(
            person=person,
            pathway=pathway,
            kind=EventKind.ENTRY,
            title="Venue à la permanence : ce que la personne cherche",
            detail=looking_for.strip(),
            organization=organization,
            subject=pathway,
        )
    return pathway


@transaction.atomic
def outreach_record(
    *,
    organization,
    user,
    identity: dict,
    to_organization,
    motivation: str,
    wanted_job=None,
    person=None,
    homonym_confirmed: bool = False,
    is_demo: bool = False,
) -> Referral:
    """A partner met someone far from employment and sends them to a structure: the
    partner records the person (it then sees the milestones) and the referral leaves at
    once, entered as outreach."""
    person = _person(
        person=person,
        organization=organization,
        user=user,
        identity=identity,
        consent_method=ConsentMethod.ORAL,
        homonym_confirmed=homonym_confirmed,
        is_demo=is_demo,
    )
    return referral_create(
        person=person,
        to_organization=to_organization,
        motivation=motivation,
        from_organization=organization,
        from_user=user,
        channel=Channel.OUTREACH,
        wanted_job=wanted_job,
        is_demo=is_demo,
    )


# The same application sent again within this time is the same application.
RESUBMISSION_WINDOW = timedelta(hours=24)


def _same_application(structure, identity: dict) -> Referral | None:
    return (
        Referral.objects.filter(
            to_organization=structure,
            channel=Channel.SELF_REFERRAL,
            created_at__gte=timezone.now() - RESUBMISSION_WINDOW,
        )
        .filter(same_identity(prefix="person__", **identity))
        .order_by("created_at", "pk")
        .first()
    )


@transaction.atomic
def self_referral_submit(
    *, structure, identity: dict, message: str, is_demo: bool = False
) -> Referral:
    """A person applies to a structure from the public page. The structure keeps the
    record and finds the application in its inbox.

    The visitor is never told whether a record already exists: a new record is always
    written, and when it looks like an existing one the structure alone is told (with
    the record's number when it is one of its own, so it can merge them).

    The same identity applying again to the same structure within a day writes nothing
    and returns the first application: a form sent twice is one application."""
    if not structure.accepts_referrals:
        raise ValidationError("Cette structure ne reçoit pas de candidature en ce moment.")
    if not message.strip():
        raise ValidationError("Dites en quelques mots ce que vous recherchez.")
    already = _same_application(structure, identity)
    if already is not None:
        return already
    person = person_create(
        organization=structure,
        user=None,
        data=identity,
        consent_method=ConsentMethod.ONLINE,
        homonym_confirmed=True,  # always a new record; the structure is told (below)
        is_demo=is_demo,
    )
    tell_of_likely_duplicates(person=person, structure=structure, identity=identity)
    return referral_create(
        person=person,
        to_organization=structure,
        motivation=message,
        channel=Channel.SELF_REFERRAL,
        is_demo=is_demo,
    )


def tell_of_likely_duplicates(*, person, structure, identity: dict) -> None:
    """A record written from a public page (an application, an interest in an offer)
    is always new: the visitor is never told whether one existed. When it looks like
    existing ones, the structure that receives it alone is told, on the record's
    timeline, with the numbers of its own records so it can merge them."""
    duplicates = likely_duplicates(
        first_name=identity.get("first_name", ""),
        last_name=identity.get("last_name", ""),
        birth_date=identity.get("birth_date"),
        email=identity.get("email", ""),
        phone=identity.get("phone", ""),
        exclude_pk=person.pk,
    )
    duplicate_ids = list(duplicates.values_list("pk", flat=True)[:20])
    if not duplicate_ids:
        return
    own = (
        duplicates.filter(pk__in=duplicate_ids)
        .filter(
            Q(created_by_organization=structure)
            | Q(pk__in=Pathway.objects.filter(organization=structure).values("person_id"))
        )
        .values_list("pk", flat=True)
    )
    numbers = ", ".join(f"n° {pk}" for pk in own)
    record_event(
        person=person,
        kind=EventKind.IDENTITY,
        title="Dossier peut-être en double",
        detail=(
            f"Cette personne a peut-être déjà un dossier chez vous ({numbers}) : "
            "fusionnez-les si c'est bien elle."
            if numbers
            else "Un dossier semblable existe peut-être dans une autre structure."
        ),
        audience=Audience.ORGANIZATION,
        organization=structure,
        subject=person,
    )
