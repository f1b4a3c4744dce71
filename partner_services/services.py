"""Writes about partner services and service referrals. Each is one transaction; a
referral's moves are logged (ServiceReferralTransition) and appended to the person's
timeline for the team (never MILESTONE: a referral is about a barrier). The referral
services check who acts (`partner_services.access`): `user`, or `audit.context.SYSTEM`."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.policy import active_memberships
from audit.context import user_of
from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from barriers.thematiques import thematiques, theme_of
from lib.lifecycle import move
from partner_services import notifications, state_machine
from partner_services.access import require_referral_mover, require_service_referrer
from partner_services.enums import Notice, ReferralState, RefusalReason
from partner_services.models import (
    LOCAL_SOURCE,
    Service,
    ServiceReferral,
    ServiceReferralTransition,
    ServiceTheme,
)
from timeline.models import Audience, EventKind
from timeline.services import credited_organization, record_event

# Fields a local service's form writes (the data·inclusion identity is not one of them).
EDITABLE_FIELDS = (
    "structure_name",
    "name",
    "description",
    "thematiques",
    "publics",
    "modes_accueil",
    "commune",
    "address",
    "post_code",
    "contact_email",
    "contact_phone",
    "website",
)


def set_service_themes(service: Service) -> None:
    """Keep ServiceTheme (the filterable copy) equal to `service.thematiques`."""
    wanted = set(service.thematiques)
    existing = set(service.themes.values_list("value", flat=True))
    service.themes.filter(value__in=existing - wanted).delete()
    for value in sorted(wanted - existing):
        ServiceTheme.objects.create(service=service, value=value, theme=theme_of(value))


def _check_thematiques(values) -> None:
    if not values:
        raise ValidationError({"thematiques": "Choisissez au moins une thématique."})
    unknown = [value for value in values if value not in thematiques()]
    if unknown:
        raise ValidationError({"thematiques": f"Thématiques inconnues : {', '.join(unknown)}."})


@transaction.atomic
def service_create(*, organization, data: dict) -> Service:
    """A local service of `organization` (not from data·inclusion)."""
    _check_thematiques(data.get("thematiques"))
    service = Service(
        source=LOCAL_SOURCE,
        source_id=f"{LOCAL_SOURCE}--{uuid.uuid4().hex[:12]}",
        structure_id=f"{LOCAL_SOURCE}--{organization.pk}",
        organization=organization,
        is_local=True,
        **{name: data[name] for name in EDITABLE_FIELDS if name in data},
    )
    if not service.structure_name:
        service.structure_name = organization.name
    service.full_clean()
    service.save()
    set_service_themes(service)
    return service


@transaction.atomic
def service_update(*, service: Service, data: dict) -> Service:
    if not service.is_local:
        raise ValidationError("Un service importé de data·inclusion se modifie à sa source.")
    _check_thematiques(data.get("thematiques", service.thematiques))
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    if not service.structure_name:
        service.structure_name = service.organization.name if service.organization else ""
    service.full_clean()
    service.save()
    set_service_themes(service)
    return service


@transaction.atomic
def service_attach(*, service: Service, organization) -> Service:
    """Record that `organization`, on Parcours, runs `service` (imported from
    data·inclusion): its referrals then reach the organization's inbox instead of an
    email with a link. The directory's data stays the source's."""
    if service.organization_id not in (None, organization.pk):
        raise ValidationError("Ce service est déjà rattaché à une autre organisation.")
    service.organization = organization
    service.save(update_fields=["organization", "updated_at"])
    return service


def _has_members(organization) -> bool:
    return organization is not None and organization.memberships.active().exists()


@transaction.atomic
def service_referral_send(
    *, person, service: Service, organization, user, message: str, barrier=None
) -> ServiceReferral:
    """Refer `person` to `service`, for `barrier` if given. A barrier still « identified »
    becomes « being lifted » in the same transaction. The partner hears of it by email
    once committed: its members, or, for a service without an account on Parcours, its
    contact address with a signed link to answer (`partner_services.links`); so does a
    service whose organization has no active member."""
    require_service_referrer(user, person, organization)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": "Écrivez un message au service."})
    if barrier is not None and barrier.person_id != person.pk:
        raise ValidationError({"barrier": "Ce frein n'est pas celui de cette personne."})
    if (
        ServiceReferral.objects.open()
        .filter(person=person, service=service)
        .select_for_update()
        .exists()
    ):
        raise ValidationError("Une orientation vers ce service est déjà en cours.")
    referral = ServiceReferral(
        person=person,
        service=service,
        barrier=barrier,
        from_organization=organization,
        by=user,
        message=message,
    )
    if service.contact_email and not _has_members(service.organization):
        # Nobody would read it on Parcours: the service answers through a link.
        referral.link_sent_to = service.contact_email
        referral.link_sent_at = timezone.now()
    referral.full_clean()
    referral.save()
    ServiceReferralTransition.record(referral, to_state=referral.state, user=user)
    notifications.on_commit(referral, Notice.NEW)
    record_event(
        person=person,
        kind=EventKind.SERVICE_REFERRAL,
        title=f"Orientation vers {service.name} ({service.structure_name})",
        audience=Audience.TEAM,
        organization=organization,
        subject=referral,
        actor=user,
    )
    if barrier is not None and barrier.status == BarrierStatus.IDENTIFIED:
        barrier_change_status(
            barrier=barrier,
            to_status=BarrierStatus.BEING_LIFTED,
            user=user,
            organization=organization,
            comment=f"Orientation vers {service.name}",
        )
    return referral


def _answer_changes(referral, to_state, *, comment, refusal_reason, done_on) -> dict:
    """The fields the partner's answer writes with the move, checked."""
    if to_state not in state_machine.PARTNER_MOVES:
        return {}
    changes = {"answered_at": timezone.now(), "answer_comment": comment}
    if len(comment) > 2000:
        raise ValidationError({"comment": "Le commentaire tient en 2 000 caractères au plus."})
    if to_state == ReferralState.REFUSED:
        if not refusal_reason and comment:
            # A caller that gives the reason in its own words only (the API before the
            # list of reasons): « autre », with those words.
            refusal_reason = RefusalReason.OTHER
        if refusal_reason not in RefusalReason.values:
            raise ValidationError({"refusal_reason": "Choisissez le motif du refus dans la liste."})
        if refusal_reason == RefusalReason.OTHER and not comment:
            raise ValidationError({"comment": "Précisez le motif du refus."})
        changes["refusal_reason"] = refusal_reason
    if to_state == ReferralState.DONE:
        today = timezone.localdate()
        done_on = done_on or today
        if done_on > today:
            raise ValidationError({"done_on": "La date de réalisation ne peut pas être à venir."})
        if done_on < timezone.localtime(referral.created_at).date():
            raise ValidationError(
                {"done_on": "La date de réalisation ne peut pas précéder l'orientation."}
            )
        changes["done_on"] = done_on
    return changes


def _answer_title(referral) -> str:
    base = f"Orientation vers {referral.service.name}"
    if referral.state == ReferralState.REFUSED:
        return f"{base} : refusée ({referral.get_refusal_reason_display()})"
    if referral.state == ReferralState.DONE and referral.done_on:
        return f"{base} : réalisée le {referral.done_on:%d/%m/%Y}"
    return f"{base} : {referral.get_state_display().lower()}"


def _is_partner_member(user, referral) -> bool:
    organization_id = referral.service.organization_id
    return organization_id is not None and any(
        m.organization_id == organization_id for m in active_memberships(user)
    )


@transaction.atomic
def service_referral_transition(
    *,
    referral: ServiceReferral,
    to_state: str,
    user,
    comment: str = "",
    refusal_reason: str = "",
    done_on: date | None = None,
    via_link: bool = False,
) -> ServiceReferral:
    """Move the referral if the lifecycle allows it and `user` is the one who may (the
    partner answers, the sender cancels: see state_machine). A refusal names its reason
    from the list (« autre » with words of its own); « réalisée » its date (today by
    default). `user` is `SYSTEM` for the holder of the emailed link (`via_link`), whose
    page checked the token. The sender hears of the partner's answer by email."""
    referral = (
        ServiceReferral.objects.select_for_update()
        .select_related("service", "person")
        .get(pk=referral.pk)
    )
    # The lifecycle first: a move it refuses is told so before who may make it.
    state_machine.LIFECYCLE.check(referral.state, to_state)
    require_referral_mover(referral, to_state, user)
    comment = (comment or "").strip()
    changes = _answer_changes(
        referral, to_state, comment=comment, refusal_reason=refusal_reason, done_on=done_on
    )
    by_partner = via_link or _is_partner_member(user, referral)
    log_comment = comment
    if via_link:
        log_comment = " — ".join(
            filter(None, [comment, f"Réponse par le lien envoyé à {referral.link_sent_to}"])
        )
    move(
        referral,
        to_state,
        log=ServiceReferralTransition,
        user=user,
        comment=log_comment,
        changes=changes,
    )
    record_event(
        person=referral.person,
        kind=EventKind.SERVICE_REFERRAL,
        title=_answer_title(referral),
        detail=log_comment,
        audience=Audience.TEAM,
        # The partner answers for its service; the sending team cancels or records the
        # answer of a partner not on Parcours (and a link's answer is credited to it).
        organization=credited_organization(
            user, referral.service.organization, referral.from_organization
        )
        or referral.service.organization
        or referral.from_organization,
        subject=referral,
        actor=user_of(user),
    )
    if by_partner and to_state in state_machine.PARTNER_MOVES:
        notifications.on_commit(referral, Notice.ANSWERED)
    return referral
