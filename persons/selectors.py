"""Reads about persons: the list of the people an organization follows or referred.

A structure's list costs what the structure holds: the scope is one indexed subquery
on the table of who sees whom (`access.models.PersonAccess`), narrowed to the
organization the user acts for, and the page's pathways come in one prefetch query."""

from django.db.models import F, Prefetch, Q, QuerySet

from access.models import PersonAccess
from access.policy import Capability, active_memberships, membership_can, team_level
from lib.search import query_words, word_prefix
from pathways.models import Pathway, TeamMember
from persons.levels import Level
from persons.models import Person

SORTS = {
    "name": ("last_name", "first_name", "id"),
    "updated": ("-updated_at", "-id"),
}
# The same order by name, in a form no index gives (names are never empty, so NULLS
# FIRST changes nothing): a search by « mar » meets its rows in the « M » of the name
# index, and the planner, walking that index from « A » in the hope of filling a page
# early, read half the platform first. Searched, the few people found are sorted.
SEARCHED_BY_NAME = (
    F("last_name").asc(nulls_first=True),
    F("first_name").asc(nulls_first=True),
    "id",
)


def _joining_teams(memberships) -> list[int]:
    """The organizations whose seats on a team give a level today (`policy.team_level`):
    a seat held for an employer gives nothing."""
    return [m.organization_id for m in memberships if team_level(m) > Level.NONE]


def _referring(memberships) -> list[int]:
    """The organizations that may refer people (REFER_PERSONS, which every organization
    that follows people also holds)."""
    return [m.organization_id for m in memberships if membership_can(m, Capability.REFER_PERSONS)]


def _scope(user, memberships) -> Q:
    """The people these memberships of `user` follow or referred: the same people as
    `Person.objects.visible_to(user)` when given all the user's memberships."""
    organizations = {m.organization_id for m in memberships}
    rows = PersonAccess.objects.for_user(user, organizations=organizations)
    return Q(pk__in=rows.values("person_id"))


def scoped_pathways(user, memberships) -> QuerySet:
    """The pathways these memberships hold or referred, or on whose team the user is."""
    organizations = _referring(memberships)
    return Pathway.objects.filter(
        Q(organization_id__in=organizations)
        | Q(prescriber_organization_id__in=organizations)
        | Q(
            team_members__user=user,
            team_members__organization_id__in=_joining_teams(memberships),
        )
    ).distinct()


def _with_pathway(user, memberships, **conditions) -> Q:
    """People with a pathway meeting `conditions` among those the memberships hold or
    referred, or on whose team the user sits: three plain subqueries, each read through
    its own index (pathways by holder, by prescriber, the user's seats). One subquery
    OR-ing the three, through a join on the seats, read every pathway of the platform in
    that state."""
    organizations = _referring(memberships)
    seats = TeamMember.objects.filter(
        user=user,
        organization_id__in=_joining_teams(memberships),
        **{f"pathway__{name}": value for name, value in conditions.items()},
    )
    return (
        Q(
            pk__in=Pathway.objects.filter(organization_id__in=organizations, **conditions).values(
                "person_id"
            )
        )
        | Q(
            pk__in=Pathway.objects.filter(
                prescriber_organization_id__in=organizations, **conditions
            ).values("person_id")
        )
        | Q(pk__in=seats.values("pathway__person_id"))
    )


def persons_for_list(user, *, query: str = "", filters: dict | None = None, organization=None):
    """The people `organization` (one of the user's; all of them if None) follows or
    referred, searched by name and filtered.

    `filters`: `state` and `kind` (of a pathway held or referred by the organization),
    `referent` ("me": the user is the referent of one of them), `commune` (a Commune or
    its code), `sort` ("name" or "updated"). Each person carries `scoped_pathways`, their
    pathways seen from the organization, the current one first."""
    filters = filters or {}
    memberships = [
        m
        for m in active_memberships(user)
        if organization is None or m.organization_id == organization.pk
    ]
    people = Person.objects.active().filter(_scope(user, memberships))
    for word in query_words(query):
        people = people.filter(word_prefix("search_name", word))
    pathways = scoped_pathways(user, memberships)
    if filters.get("state"):
        people = people.filter(_with_pathway(user, memberships, state=filters["state"]))
    if filters.get("kind"):
        people = people.filter(_with_pathway(user, memberships, kind=filters["kind"]))
    if filters.get("referent") == "me":
        people = people.filter(_with_pathway(user, memberships, referent=user))
    if filters.get("commune"):
        people = people.filter(commune=filters["commune"])
    current_first = pathways.select_related("referent", "organization").order_by(
        F("closed_on").asc(nulls_first=True), "-started_on", "-id"
    )
    return (
        people.select_related("commune")
        .prefetch_related(Prefetch("pathways", queryset=current_first, to_attr="scoped_pathways"))
        .order_by(*_order(filters.get("sort") or "name", searched=bool(query_words(query))))
    )


def _order(sort: str, *, searched: bool) -> tuple:
    if sort not in SORTS or sort == "name":
        return SEARCHED_BY_NAME if searched else SORTS["name"]
    return SORTS[sort]


# What a row of the person list page shows: a person's record has some forty columns,
# and loading them all for 25 rows costs more than writing the rows.
LIST_ROW_FIELDS = ("first_name", "last_name", "birth_date", "last_contact_at", "commune__name")


def list_rows(people):
    """`persons_for_list` narrowed to what the list page shows of each person."""
    return people.only(*LIST_ROW_FIELDS)


def person_summary(person: Person) -> dict:
    """What the « Situation et projet » page and the API show of a person followed:
    the wished jobs in order, the experiences, the consents."""
    return {
        "wishes": list(person.wishes.select_related("appellation").order_by("rank", "id")),
        "experiences": list(person.experiences.select_related("appellation")),
        "consents": list(person.consents.select_related("recorded_by", "organization")),
    }
