"""Writes about referrals. Each moves the state machine, logs the transition, appends to
the person's timeline (milestones: the prescriber sees them) and queues the emails after
commit."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from access.policy import Capability, can
from lib.lifecycle import TransitionRefused, move
from organizations.enums import KindGroup
from pathways import eligibility
from pathways.enums import PathwayKind
from pathways.services import eligibility_diagnose, pathway_open
from persons.consent import require_consent
from persons.levels import Level
from plans.services import document_upload
from referrals import notifications, state_machine
from referrals.access import require_receiver, require_sender
from referrals.enums import Channel, RefusalReason
from referrals.enums import ReferralState as S
from referrals.models import Referral, ReferralTransition
from timeline.models import Audience, EventKind
from timeline.services import record_event


def _move(referral: Referral, to_state: str, *, user, comment="", now=None, **changes):
    return move(
        referral,
        to_state,
        log=ReferralTransition,
        user=user,
        comment=comment,
        now=now or timezone.now(),
        changes=changes,
    )


def _event(referral: Referral, title: str, detail: str = "", *, by_sender=False) -> None:
    """An event of the referral, credited to the side that acted: the sender sends and
    withdraws, the receiving structure answers."""
    organization = referral.to_organization
    if by_sender and referral.from_organization_id:
        organization = referral.from_organization
    record_event(
        person=referral.person,
        kind=EventKind.REFERRAL,
        title=title,
        detail=detail,
        audience=Audience.MILESTONE,
        organization=organization,
        subject=referral,
    )


def _check_no_open_referral(person, to_organization, *, exclude_pk=None) -> None:
    duplicate = (
        Referral.objects.open()
        .filter(person=person, to_organization=to_organization)
        .exclude(pk=exclude_pk)
        .first()
    )
    if duplicate is not None:
        when = f" le {duplicate.sent_at:%d/%m/%Y}" if duplicate.sent_at else ""
        raise ValidationError(
            f"{person} a déjà une orientation en cours vers {to_organization} "
            f"(« {duplicate.get_state_display().lower()} »{when}) : attendez sa réponse ou "
            "retirez-la d'abord."
        )


@transaction.atomic
def referral_create(
    *,
    person,
    to_organization,
    motivation: str,
    from_organization=None,
    from_user=None,
    channel: str = Channel.REFERRAL,
    wanted_job=None,
    offer=None,
    eligibility_diagnosis=None,
    eligibility_criteria: eligibility.Criteria | None = None,
    documents=(),
    uploads=(),
    send: bool = True,
    is_demo: bool = False,
) -> Referral:
    """Write the referral, and send it unless `send` is false (a draft).

    An authorised prescriber makes the IAE eligibility diagnosis with it
    (`eligibility_criteria`), or joins the one that stands (`eligibility_diagnosis`), so
    the structure does not make it again. `uploads`, (kind, file) pairs, are new
    documents of the person joined to the referral; `documents`, existing ones. `offer`:
    the job offer the person asked about (a « candidature sur une offre »)."""
    if not motivation.strip():
        raise ValidationError("Expliquez en quelques mots pourquoi vous orientez la personne.")
    if from_organization is not None and from_organization.pk == to_organization.pk:
        raise ValidationError("Une structure ne s'oriente pas une personne à elle-même.")
    _check_no_open_referral(person, to_organization)
    require_consent(person, "orienter la personne vers une autre structure")
    if eligibility_criteria is not None:
        if eligibility_diagnosis is not None:
            raise ValidationError(
                "Joignez le diagnostic d'éligibilité qui est valable ou faites-en un nouveau, "
                "pas les deux."
            )
        eligibility_diagnosis = _diagnose_with_referral(
            person=person,
            to_organization=to_organization,
            from_organization=from_organization,
            from_user=from_user,
            criteria=eligibility_criteria,
        )
    elif eligibility_diagnosis is not None and eligibility_diagnosis.person_id != person.pk:
        raise ValidationError("Ce diagnostic d'éligibilité n'est pas celui de cette personne.")
    referral = Referral(
        person=person,
        to_organization=to_organization,
        from_organization=from_organization,
        from_user=from_user,
        channel=channel,
        motivation=motivation.strip(),
        wanted_job=wanted_job,
        offer=offer,
        eligibility_diagnosis=eligibility_diagnosis,
        is_demo=is_demo,
    )
    referral.full_clean(exclude=["documents"])
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:  # a concurrent referral won the race
        _check_no_open_referral(person, to_organization)
        raise
    referral.documents.set(documents)
    ReferralTransition.record(referral, to_state=S.DRAFT, user=from_user)
    if send:
        referral_send(referral=referral, user=from_user)
    # Last, so that a refusal above stores no file.
    for kind, file in uploads:
        _attach(referral, kind=kind, file=file, user=from_user)
    return referral


NOT_A_DIAGNOSTICIAN = (
    "Le diagnostic d'éligibilité IAE est fait par les prescripteurs habilités (France "
    "Travail, Cap emploi, mission locale, conseil départemental…) et par les structures."
)


def _diagnose_with_referral(*, person, to_organization, from_organization, from_user, criteria):
    """The diagnosis an authorised prescriber makes as they refer, counted for the kind
    of the structure the person is referred to."""
    if to_organization.kind_group != KindGroup.INCLUSION_EMPLOYER:
        raise ValidationError(
            "Le diagnostic d'éligibilité IAE accompagne une orientation vers une structure "
            "d'insertion par l'activité économique (SIAE)."
        )
    if from_user is None or not can(from_user, Capability.DIAGNOSE_ELIGIBILITY, from_organization):
        raise PermissionDenied(NOT_A_DIAGNOSTICIAN)
    if not criteria.level1 and not criteria.level2:
        raise ValidationError("Cochez au moins un critère d'éligibilité.")
    today = timezone.localdate()
    made_on = criteria.made_on or today
    if made_on > today:
        raise ValidationError("La date du diagnostic ne peut pas être dans le futur.")
    if eligibility.valid_until(made_on) < today:
        raise ValidationError(
            f"Un diagnostic du {made_on:%d/%m/%Y} aurait déjà expiré : il vaut six mois."
        )
    return eligibility_diagnose(
        person=person,
        organization=from_organization,
        author=from_user,
        structure_kind=to_organization.kind,
        level1=list(criteria.level1),
        level2=list(criteria.level2),
        made_on=made_on,
    )


def _attach(referral: Referral, *, kind: str, file, user):
    """A new document of the person, joined to the referral. Its sender sees the
    milestones only: they write the document, the team reads it."""
    document = document_upload(
        person=referral.person,
        kind=kind,
        file=file,
        uploaded_by=user,
        organization=referral.from_organization,
        needed=Level.MILESTONES,
    )
    referral.documents.add(document)
    return document


@transaction.atomic
def referral_document_add(*, referral: Referral, kind: str, file, user):
    """The sender joins a document to a referral still waiting for its answer."""
    require_sender(referral, user)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.state not in state_machine.OPEN_STATES:
        raise ValidationError(
            f"Cette orientation est « {referral.get_state_display().lower()} » : les "
            "documents se joignent tant qu'elle attend sa réponse."
        )
    return _attach(referral, kind=kind, file=file, user=user)


@transaction.atomic
def referral_send(*, referral: Referral, user, now=None) -> Referral:
    now = now or timezone.now()
    _move(referral, S.SENT, user=user, now=now, sent_at=now)
    sender = referral.from_organization or referral.get_channel_display().lower()
    _event(
        referral,
        f"Orientée vers {referral.to_organization}",
        detail=f"par {sender}",
        by_sender=True,
    )
    notifications.on_commit(referral, notifications.NEW_REFERRAL)
    return referral


@transaction.atomic
def referral_mark_seen(*, referral: Referral, user, now=None) -> Referral:
    """The receiving structure opened it. Only the first opening counts."""
    if referral.state != S.SENT:
        return referral
    now = now or timezone.now()
    return _move(referral, S.SEEN, user=user, now=now, seen_at=now)


def _answer(referral: Referral, to_state: str, *, user, comment: str, now=None, **changes):
    now = now or timezone.now()
    _move(
        referral,
        to_state,
        user=user,
        comment=comment,
        now=now,
        answered_at=now,
        answer_comment=comment.strip(),
        seen_at=referral.seen_at or now,
        **changes,
    )


@transaction.atomic
def referral_accept(
    *, referral: Referral, user, referent=None, kind: str = "", comment: str = "", now=None
):
    """Accept and open the pathway in the receiving structure (IAE for an inclusion
    employer, support otherwise), with the sender as prescriber."""
    require_receiver(referral, user)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _answer(referral, S.ACCEPTED, user=user, comment=comment, now=now)
    structure = referral.to_organization
    if (
        referent is not None
        and not referent.memberships.active().filter(organization=structure).exists()
    ):
        raise ValidationError(f"Le ou la référent·e doit être membre de {structure}.")
    kind = kind or (
        PathwayKind.IAE if structure.kind_group == "inclusion_employer" else PathwayKind.SUPPORT
    )
    referral.pathway = pathway_open(
        person=referral.person,
        organization=structure,
        kind=kind,
        referent=referent or user,
        user=user,
        entry_channel=referral.channel,
        prescriber_organization=referral.from_organization,
        is_demo=referral.is_demo,
    )
    referral.save()
    _event(referral, f"Orientation acceptée par {structure}", detail=comment)
    _take_on_diagnosis(referral)
    notifications.on_commit(referral, notifications.ANSWERED)
    return referral


def _take_on_diagnosis(referral: Referral) -> None:
    """The diagnosis joined by the prescriber, still standing, is the pathway's: the
    structure does not make another; the pathway's timeline says whose it is."""
    diagnosis = referral.eligibility_diagnosis
    if diagnosis is None or not diagnosis.is_valid:
        return
    verdict = "éligible à l'IAE" if diagnosis.is_eligible else "non éligible à l'IAE"
    record_event(
        person=referral.person,
        pathway=referral.pathway,
        kind=EventKind.ELIGIBILITY,
        title=f"Diagnostic d'éligibilité de {diagnosis.organization} repris à l'entrée : "
        f"{verdict}, du {diagnosis.made_on:%d/%m/%Y}, valable jusqu'au "
        f"{diagnosis.valid_until:%d/%m/%Y}",
        audience=Audience.MILESTONE,
        organization=referral.to_organization,
        subject=diagnosis,
    )


@transaction.atomic
def referral_refuse(
    *, referral: Referral, user, reason: str, comment: str = "", now=None
) -> Referral:
    require_receiver(referral, user)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if reason not in RefusalReason.values:
        raise ValidationError("Choisissez le motif du refus dans la liste.")
    if reason == RefusalReason.OTHER and not comment.strip():
        raise ValidationError("Précisez le motif du refus en commentaire.")
    _answer(referral, S.REFUSED, user=user, comment=comment, now=now, refusal_reason=reason)
    _event(
        referral,
        f"Orientation refusée par {referral.to_organization} : "
        f"{referral.get_refusal_reason_display()}",
        detail=comment,
    )
    notifications.on_commit(referral, notifications.ANSWERED)
    return referral


@transaction.atomic
def referral_redirect(
    *, referral: Referral, user, to_organization, comment: str, now=None
) -> Referral:
    """The structure passes the person on to another structure: the new referral keeps
    the original sender, so the prescriber follows it; the history links both."""
    require_receiver(referral, user)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if to_organization.pk == referral.to_organization_id:
        raise ValidationError("Choisissez une autre structure.")
    if not comment.strip():
        raise ValidationError("Expliquez pourquoi vous réorientez la personne.")
    _answer(referral, S.REDIRECTED, user=user, comment=comment, now=now)
    new = referral_create(
        person=referral.person,
        to_organization=to_organization,
        motivation=f"{referral.motivation}\n\nRéorientée par {referral.to_organization} : "
        f"{comment.strip()}",
        from_organization=referral.from_organization,
        from_user=referral.from_user,
        channel=referral.channel,
        wanted_job=referral.wanted_job,
        offer=referral.offer,
        eligibility_diagnosis=referral.eligibility_diagnosis,
        documents=list(referral.documents.all()),
        is_demo=referral.is_demo,
    )
    referral.redirected_to = new
    referral.save()
    _event(
        referral, f"Orientation réorientée par {referral.to_organization} vers {to_organization}"
    )
    notifications.on_commit(referral, notifications.ANSWERED)
    return referral


@transaction.atomic
def referral_withdraw(*, referral: Referral, user, comment: str = "") -> Referral:
    require_sender(referral, user)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _move(referral, S.WITHDRAWN, user=user, comment=comment)
    _event(
        referral,
        f"Orientation vers {referral.to_organization} retirée",
        detail=comment,
        by_sender=True,
    )
    return referral


@transaction.atomic
def referrals_mark_seen_many(*, referrals, user, now=None) -> int:
    """Mark several received referrals seen at once; those already seen stay as they are."""
    now = now or timezone.now()
    seen = 0
    for referral in referrals:
        if referral.state == S.SENT:
            referral_mark_seen(referral=referral, user=user, now=now)
            seen += 1
    return seen


@transaction.atomic
def referrals_refuse_many(*, referrals, user, reason: str, comment: str = "", now=None) -> int:
    """Refuse several referrals with one reason: all of them, or none if one cannot be."""
    referrals = list(referrals)
    for referral in referrals:
        referral_refuse(referral=referral, user=user, reason=reason, comment=comment, now=now)
    return len(referrals)


def referrals_due(now=None) -> dict:
    """What the schedule has to do now: {days: [referrals to remind]}, and expiries.
    A referral appears as one object across the lists, so marking it in one list is seen
    by the others. An anonymised person's referral is never reminded (nobody can answer
    it any more): it only waits to expire."""
    now = now or timezone.now()
    # Only what the earliest step concerns leaves the database: the referrals sent this
    # week, the bulk of those waiting, are nobody's to remind yet.
    earliest = min((*state_machine.REMINDER_DAYS, state_machine.EXPIRY_DAYS))
    waiting = {
        referral.pk: referral
        for referral in Referral.objects.filter(
            state__in=state_machine.AWAITING_ANSWER,
            sent_at__lte=now - timedelta(days=earliest),
        ).annotate(person_anonymised_at=F("person__anonymised_at"))
    }
    due = {
        "expire": [
            referral
            for referral in waiting.values()
            if referral.sent_at <= now - timedelta(days=state_machine.EXPIRY_DAYS)
        ],
    }
    for days in state_machine.REMINDER_DAYS:
        due[days] = [
            referral
            for referral in waiting.values()
            if referral.sent_at <= now - timedelta(days=days)
            and str(days) not in referral.reminded_at
            and referral.person_anonymised_at is None
        ]
    return due


@transaction.atomic
def referrals_follow_up(now=None) -> dict:
    """Send the 7- and 21-day reminders and expire what is 30 days old without answer.
    Idempotent: run it as often as you like (the task worker runs it every hour)."""
    now = now or timezone.now()
    due = referrals_due(now)
    counts = {"expired": 0, "reminded": 0}
    for referral in due["expire"]:
        try:
            _move(referral, S.EXPIRED, user=None, comment="Sans réponse depuis 30 jours.", now=now)
        except TransitionRefused:  # answered or withdrawn since it was read: it stays so
            continue
        _event(referral, f"Orientation vers {referral.to_organization} expirée, sans réponse")
        notifications.on_commit(referral, notifications.EXPIRED)
        counts["expired"] += 1
    expired = {r.pk for r in due["expire"]}
    for days in state_machine.REMINDER_DAYS:
        for referral in due[days]:
            if referral.pk in expired:
                continue
            referral.reminded_at = {**referral.reminded_at, str(days): now.isoformat()}
            referral.save()
            notifications.on_commit(referral, notifications.reminder(days))
            counts["reminded"] += 1
    return counts
