"""Whether a user, acting for an organization, may see a person's barriers: the person
first (`persons.access.person_for`: 404 if the user may not see them, 403 below
Level.TEAM), then the organization's SEE_BARRIERS capability (403: employers and
prescribers never see barriers). Pages and API both call `barriers_for`; the write
services call `require_barrier_writer` on the person their caller hands in."""

from django.core.exceptions import PermissionDenied

from access.policy import Capability, active_memberships, can, membership_can
from audit.context import SYSTEM
from persons.access import Level, person_for, require_person_level

REFUSAL = "Votre organisation n'a pas accès aux freins des personnes."
BELOW_LEVEL = "Votre place auprès de cette personne ne donne pas accès aux freins."

# What the sensitive-read log says was seen.
SENSITIVE_WHAT = "freins (santé, justice, famille)"


def barrier_organization(user, current_organization=None):
    """The organization on whose behalf `user` sees barriers, or PermissionDenied.

    The web pages pass the organization chosen in the session. The API has no session: it
    takes the user's first organization that may see barriers."""
    if current_organization is not None:
        if can(user, Capability.SEE_BARRIERS, current_organization):
            return current_organization
        raise PermissionDenied(REFUSAL)
    for membership in active_memberships(user):
        if membership_can(membership, Capability.SEE_BARRIERS):
            return membership.organization
    raise PermissionDenied(REFUSAL)


def barriers_for(user, person_pk, current_organization=None):
    """(person, level, organization) for reading or writing the person's barriers."""
    person, level = person_for(
        user,
        person_pk,
        needed=Level.TEAM,
        refusal=BELOW_LEVEL,
    )
    return person, level, barrier_organization(user, current_organization)


def require_barrier_writer(actor, person, organization=None, *, authored: bool = False):
    """For the write services: `actor` sees `person` at Level.TEAM and acts for an
    organization that may see barriers (`organization` when given). Returns that
    organization (the one given when the system acts); PermissionDenied otherwise.
    `authored`: see `persons.access.require_person_level`."""
    require_person_level(actor, person, Level.TEAM, refusal=BELOW_LEVEL, authored=authored)
    if actor is SYSTEM:
        return organization
    return barrier_organization(actor, organization)
