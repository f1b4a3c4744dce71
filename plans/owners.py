"""Who may carry an action of a person's plan: a professional who follows the person
(the referent, a colleague), a team member of another organization seated on one of
the person's pathways (a partner service's worker, a prescriber's adviser: their seat
is what lets them see the action), a partner service the person was referred to, or
the person themselves. Never an employer: their seat gives nothing, and the plan is
never theirs to see."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from access.policy import Capability, active_memberships, kinds_with
from organizations.models import Membership
from partner_services.models import Service
from pathways.models import TeamMember


def _joining_kinds() -> list[str]:
    return sorted(
        set(kinds_with(Capability.JOIN_TEAMS))
        | set(kinds_with(Capability.JOIN_TEAMS_FOR_MILESTONES))
    )


def live_seats():
    """Seats that still give something: not past their end date, held for an
    organization that joins teams, by someone still a member of it."""
    today = timezone.localdate()
    return TeamMember.objects.filter(
        Q(access_until__isnull=True) | Q(access_until__gte=today),
        Exists(
            Membership.objects.active().filter(
                user=OuterRef("user"), organization=OuterRef("organization")
            )
        ),
        organization__kind__in=_joining_kinds(),
    )


def followers_of(person):
    """The professionals who follow the person (members of the holding structures, the
    team members whose organization joins with the team's view): who may hold an
    appointment."""
    users = get_user_model().objects.filter(
        pk__in=Membership.objects.active()
        .filter(organization__pathways__person=person)
        .values("user")
    ) | get_user_model().objects.filter(
        pathway_teams__pathway__person=person,
        pathway_teams__organization__kind__in=kinds_with(Capability.JOIN_TEAMS),
    )
    return users.distinct().order_by("last_name", "first_name", "id")


def professionals_for(person):
    """Who may own an action: the followers, and whoever holds a live seat on one of
    the person's pathways."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=followers_of(person).values("pk"))
            | Q(pk__in=live_seats().filter(pathway__person=person).values("user"))
        )
        .order_by("last_name", "first_name", "id")
    )


def services_for(person):
    """The partner services the person was referred to."""
    return Service.objects.filter(referrals__person=person).distinct().order_by("name", "id")


def check_owner(person, *, owner, owner_service, owner_is_person: bool) -> None:
    """One owner at most, and one who may carry this person's action."""
    if sum([owner is not None, owner_service is not None, bool(owner_is_person)]) > 1:
        raise ValidationError("Une action a un·e seul·e responsable : choisissez-en un·e.")
    if owner is not None and not professionals_for(person).filter(pk=owner.pk).exists():
        raise ValidationError(
            f"{owner} ne suit pas cette personne ni ne fait partie de son équipe "
            "d'accompagnement : choisissez un·e responsable qui la suit."
        )
    if owner_service is not None and not services_for(person).filter(pk=owner_service.pk).exists():
        raise ValidationError(
            "Ce service n'a pas reçu d'orientation de cette personne : orientez-la d'abord."
        )


def organizations_of(user) -> list[int]:
    return [membership.organization_id for membership in active_memberships(user)]
