"""What the write services about service referrals check of their actor (a user, or
`audit.context.SYSTEM`); pages and API check the same before calling them.

- `require_service_referrer(actor, person, organization)`: sending a person to a
  service is about their barriers: the actor sees the person's barriers
  (`barriers.access.require_barrier_writer`), for an organization that may refer people.
- `require_referral_mover(referral, to_state, actor)`: the partner answers, the sending
  team cancels (`selectors.referral_moves`).
"""

from django.core.exceptions import PermissionDenied

from access.policy import Capability, can
from audit.context import SYSTEM
from barriers.access import require_barrier_writer
from partner_services.models import ServiceReferral
from partner_services.selectors import referral_moves
from persons.access import require_actor

NOT_A_REFERRER = "Votre organisation ne peut pas orienter de personne."
NOT_YOUR_DECISION = "Cette décision revient à une autre organisation."


def require_service_referrer(actor, person, organization) -> None:
    organization = require_barrier_writer(actor, person, organization, authored=True)
    if actor is not SYSTEM and not can(actor, Capability.REFER_PERSONS, organization):
        raise PermissionDenied(NOT_A_REFERRER)


def require_referral_mover(referral: ServiceReferral, to_state: str, actor) -> None:
    require_actor(actor)
    if actor is not SYSTEM and to_state not in referral_moves(referral, actor):
        raise PermissionDenied(NOT_YOUR_DECISION)
