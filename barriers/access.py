"""Whether a user, acting for an organization, may see barriers at all. Employers
(companies, GE) and prescribers never do, whatever person they ask about; the person
itself is then authorised at Level.TEAM by `access_person` / `visible_to`."""

from django.core.exceptions import PermissionDenied

from access.policy import Capability, active_memberships, can, membership_can

REFUSAL = "Votre organisation n'a pas accès aux freins des personnes."

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
