"""How much of a person a user may see, and the one way to fetch a person for a user.
Pages, API handlers and services all go through `person_for`.

Two levels besides nothing, each computed from the capabilities of the user's own
organizations (`access.policy`), never from a row alone:

- TEAM: the holding structure and the accompanying organization that created the
  record (FOLLOW_PERSONS), and the professionals on the pathway team whose organization
  may join teams with the team's view (JOIN_TEAMS: accompanying structures, partner
  services). They see the file; the sensitive details (barriers, health) also need
  SEE_BARRIERS and are read with a log (see `audit.reads`).
- MILESTONES: the prescriber who referred the person (or created the record without
  accompanying), and team members whose organization joins for the milestones only
  (JOIN_TEAMS_FOR_MILESTONES: prescribers): identity, pathway states, entry and exit —
  never notes, barriers, plans, documents or contact details.

Employers (companies, employer groups) and coordinators never get a level, whatever
rows exist: a seat on a team they should not have gives nothing.

What answers what:
- a person the user may not see at all (Level.NONE, merged, unknown id) answers **404**
  everywhere, pages and API alike: their existence is not revealed;
- a person the user already sees (e.g. a prescriber at MILESTONES) but whose tab needs
  more answers **403** with a French explanation: nothing is revealed that the user
  does not know, and they learn why the tab is closed to them.

Write services check their actor with `require_person_level` (PermissionDenied: a
service is not a page, and its caller has already fetched the person); the system acts
as `audit.context.SYSTEM`.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, Subquery
from django.http import Http404

from access.models import PersonAccess
from audit.context import SYSTEM
from persons.levels import Level
from persons.models import Person

__all__ = [
    "BELOW_LEVEL",
    "NOT_FOUND",
    "NO_ACTOR",
    "NO_AUTHOR",
    "Level",
    "access_level",
    "known_followed",
    "known_visible",
    "person_for",
    "require_actor",
    "require_person_level",
]

NOT_FOUND = "Personne introuvable."
BELOW_LEVEL = "Votre place auprès de cette personne ne donne pas accès à ceci."
NO_ACTOR = "Cette modification ne dit pas qui la fait : elle est refusée."
NO_AUTHOR = "Ce qui est écrit ici porte le nom de son auteur : le système ne l'écrit pas."


def access_level(user, person: Person) -> Level:
    # An anonymised file is no one's to open any more (`Person.objects.active()`): the
    # pages that still list it (referrals, introductions) show it without a link.
    if not user.is_authenticated or person.merged_into_id or person.anonymised_at:
        return Level.NONE
    rows = PersonAccess.objects.for_user(user).filter(person_id=person.pk)
    return Level(rows.aggregate(level=Max("level"))["level"] or Level.NONE)


def person_for(
    user, pk, *, needed: Level = Level.TEAM, refusal: str = BELOW_LEVEL
) -> tuple[Person, Level]:
    """The person `pk` and the user's level on them, if it reaches `needed`.

    Http404 if the user may not see the person at all (the pages show the 404 page, the
    API answers a JSON 404); PermissionDenied (`refusal`) if they see the person at a
    lower level than `needed`."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    if not user.is_authenticated:
        raise Http404(NOT_FOUND)
    # The level comes with the person, in the same query: the highest of the user's rows
    # in the table of who sees whom.
    highest = (
        PersonAccess.objects.for_user(user)
        .filter(person_id=OuterRef("pk"))
        .order_by("-level")
        .values("level")[:1]
    )
    person = (
        Person.objects.active()
        .annotate(user_level=Subquery(highest))
        .select_related("commune")
        .filter(pk=pk)
        .first()
    )
    level = Level(person.user_level or Level.NONE) if person is not None else Level.NONE
    if level == Level.NONE:
        raise Http404(NOT_FOUND)
    # Kept on the person for the reads of its rows (see `known_followed`).
    person._seen_by = (user.pk, level)
    if level < needed:
        raise PermissionDenied(refusal)
    return person, level


def known_followed(person: Person, user) -> bool:
    """Whether `person_for` fetched this person for this user and found they follow
    them (Level.TEAM); False when it is not known."""
    return getattr(person, "_seen_by", None) == (user.pk, Level.TEAM)


def known_visible(person: Person, user) -> bool:
    """Whether `person_for` fetched this person for this user (who then sees them, at
    some level); False when it is not known."""
    seen_by = getattr(person, "_seen_by", None)
    return seen_by is not None and seen_by[0] == user.pk and seen_by[1] > Level.NONE


def require_actor(actor) -> None:
    """A write service is told who acts: a user, or SYSTEM. `None` is refused."""
    if actor is None:
        raise PermissionDenied(NO_ACTOR)


def require_person_level(
    actor,
    person: Person,
    needed: Level = Level.TEAM,
    *,
    refusal: str = BELOW_LEVEL,
    authored: bool = False,
) -> None:
    """For the write services: `actor` sees `person` at `needed` at least
    (PermissionDenied otherwise, and for an actor left as `None`). SYSTEM passes, but
    for an `authored` write (a note, an objective, a document... whose record names the
    user who wrote it): the system has no name to put there."""
    require_actor(actor)
    if actor is SYSTEM:
        if authored:
            raise PermissionDenied(NO_AUTHOR)
        return
    if access_level(actor, person) < needed:
        raise PermissionDenied(refusal)
