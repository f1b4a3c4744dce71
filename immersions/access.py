"""The host's side of an immersion: the company that hosts it, or the employer group
whose active member company hosts it, sees it as an employer sees a person
(`immersions.host_view`) and fills the end assessment.

- `require_host(user, organization)`: the organization acted for may host immersions
  (`Capability.HOST_IMMERSIONS`), 403 otherwise.
- `immersion_for_host(user, pk, organization)`: an immersion hosted by `organization`'s
  company or its member companies (404 otherwise, whoever follows the person).
- `host_organizations(user)`: the organizations the user may host immersions for (the
  API, which acts for all of them); `host_of(user, pk)`: the one hosting immersion `pk`
  with that immersion (404 when none does)."""

from django.http import Http404

from access.policy import Capability, active_memberships, membership_can, require
from immersions.selectors import hosted_by

IMMERSION_NOT_FOUND = "Immersion introuvable."


def require_host(user, organization) -> None:
    require(user, Capability.HOST_IMMERSIONS, organization)


def immersion_for_host(user, pk, organization):
    require_host(user, organization)
    immersion = hosted_by(organization).filter(pk=pk).first()
    if immersion is None:
        raise Http404(IMMERSION_NOT_FOUND)
    return immersion


def host_organizations(user) -> list:
    return [
        m.organization
        for m in active_memberships(user)
        if membership_can(m, Capability.HOST_IMMERSIONS)
    ]


def host_of(user, pk):
    for organization in host_organizations(user):
        immersion = hosted_by(organization).filter(pk=pk).first()
        if immersion is not None:
            return immersion, organization
    raise Http404(IMMERSION_NOT_FOUND)
