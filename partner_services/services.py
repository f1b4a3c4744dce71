"""Writes about partner services and service referrals. Each is one transaction; a
referral's moves are logged (ServiceReferralTransition) and appended to the person's
timeline for the team (never MILESTONE: a referral is about a barrier). The referral
services check who acts (`partner_services.access`): `user`, or `audit.context.SYSTEM`."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.context import user_of
from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from barriers.thematiques import thematiques, theme_of
from lib.lifecycle import move
from partner_services import state_machine
from partner_services.access import require_referral_mover, require_service_referrer
from partner_services.enums import ReferralState
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
def service_referral_send(
    *, person, service: Service, organization, user, message: str, barrier=None
) -> ServiceReferral:
    """Refer `person` to `service`, for `barrier` if given. A barrier still « identified »
    becomes « being lifted » in the same transaction."""
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
    referral.full_clean()
    referral.save()
    ServiceReferralTransition.record(referral, to_state=referral.state, user=user)
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


@transaction.atomic
def service_referral_transition(
    *, referral: ServiceReferral, to_state: str, user, comment: str = ""
) -> ServiceReferral:
    """Move the referral if the lifecycle allows it and `user` is the one who may (the
    partner answers, the sender cancels: see state_machine)."""
    referral = (
        ServiceReferral.objects.select_for_update()
        .select_related("service", "person")
        .get(pk=referral.pk)
    )
    # The lifecycle first: a move it refuses is told so before who may make it.
    state_machine.LIFECYCLE.check(referral.state, to_state)
    require_referral_mover(referral, to_state, user)
    comment = (comment or "").strip()
    if to_state == ReferralState.REFUSED and not comment:
        raise ValidationError({"comment": "Indiquez le motif du refus."})
    move(referral, to_state, log=ServiceReferralTransition, user=user, comment=comment)
    record_event(
        person=referral.person,
        kind=EventKind.SERVICE_REFERRAL,
        title=f"Orientation vers {referral.service.name} : {referral.get_state_display().lower()}",
        detail=comment,
        audience=Audience.TEAM,
        # The partner answers for its service; the sending team cancels or records the
        # answer of a partner not on Parcours.
        organization=credited_organization(
            user, referral.service.organization, referral.from_organization
        )
        or referral.from_organization,
        subject=referral,
        actor=user_of(user),
    )
    return referral
