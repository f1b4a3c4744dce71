"""Who may ask for a ranking, and of what. Pages and API handlers call these.

- Candidates for an offer: an offer the user sees (404 otherwise), asked by a member of
  an organization that follows people (403 otherwise: employers never call the engine,
  prescribers and partner services do not hold a pool). The people ranked are those
  the user follows (Level.TEAM), never anyone else's.
- Offers for a person: the person at Level.TEAM (404 if unseen, 403 at MILESTONES: a
  prescriber gets no ranking of someone else's person), for the same organizations.
- Explanations naming a family or health barrier: only for an organization that may see
  barriers (SEE_BARRIERS), logged as a sensitive read."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, active_memberships, can, membership_can
from offers.models import JobOffer
from persons.access import Level, person_for

NO_POOL = "Votre organisation n'accompagne pas de personnes : pas de rapprochement possible."
BELOW_TEAM = "Le rapprochement est réservé à l'équipe qui accompagne la personne."


def ranking_organization(user, preferred=None):
    """The organization the user ranks for: `preferred` (the one a page acts for) when
    it follows people, else the user's first organization that does; PermissionDenied
    when none does."""
    found = [
        m.organization
        for m in active_memberships(user)
        if membership_can(m, Capability.FOLLOW_PERSONS)
    ]
    if not found:
        raise PermissionDenied(NO_POOL)
    return next((o for o in found if preferred is not None and o.pk == preferred.pk), found[0])


def may_rank(user) -> bool:
    """Whether the pages offer the rankings to this user (the links to them)."""
    if not user.is_authenticated:
        return False
    try:
        ranking_organization(user)
    except PermissionDenied:
        return False
    return True


def offer_to_rank(user, offer_id, preferred=None) -> tuple[JobOffer, object]:
    offer = JobOffer.objects.visible_to(user).filter(pk=offer_id).first()
    if offer is None:
        raise Http404("Offre introuvable.")
    return offer, ranking_organization(user, preferred)


def person_to_rank(user, person_id, preferred=None):
    person, _ = person_for(user, person_id, needed=Level.TEAM, refusal=BELOW_TEAM)
    return person, ranking_organization(user, preferred)


def shows_sensitive(user, organization) -> bool:
    return can(user, Capability.SEE_BARRIERS, organization)


NO_TERRITORY = (
    "Les besoins du territoire sont réservés aux structures qui accompagnent, aux "
    "prescripteurs, aux services partenaires et aux coordinateurs."
)


def territory_organization(user, preferred=None):
    """The organization the user reads the territory's needs for: `preferred` (the one
    they act for) when it may, else their first that may; PermissionDenied otherwise
    (employers: counts of barriers over a small area would tell them of people)."""
    if preferred is not None and can(user, Capability.VIEW_TERRITORY_NEEDS, preferred):
        return preferred
    for membership in active_memberships(user):
        if membership_can(membership, Capability.VIEW_TERRITORY_NEEDS):
            return membership.organization
    raise PermissionDenied(NO_TERRITORY)
