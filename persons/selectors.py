"""Reads about persons: the list of the people an organization follows or referred.

A structure's list costs what the structure holds: the scope is one indexed subquery
on the table of who sees whom (`access.models.PersonAccess`), narrowed to the
organization the user acts for, and the page's pathways come in one prefetch query."""

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q, QuerySet

from access.models import PersonAccess
from access.policy import Capability, active_memberships, membership_can, team_level
from jobs.models import RomeFamily
from lib.counted_page import CountedPaginator
from lib.search import query_words, word_prefix
from pathways.models import Pathway, TeamMember
from persons.levels import Level
from persons.models import Person, Wish

SORTS = {
    "name": ("last_name", "first_name", "id"),
    "updated": ("-updated_at", "-id"),
}
# The same order by name, in a form no index gives (names are never empty, so NULLS
# FIRST changes nothing): a search by « mar » meets its rows in the « M » of the name
# index, and the planner, walking that index from « A » in the hope of filling a page
# early, read half the platform first. Searched (or few), the people found are sorted.
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


def _scope_rows(user, memberships):
    """The rows of who sees whom that give these memberships of `user` a person: the
    same people as `Person.objects.visible_to(user)` when given all the user's
    memberships (but merged and anonymised records, which the lists leave out)."""
    organizations = {m.organization_id for m in memberships}
    return PersonAccess.objects.for_user(user, organizations=organizations)


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
    """Rows of who sees whom (`PersonAccess`) about people with a pathway meeting
    `conditions` among those the memberships hold or referred, or on whose team the user
    sits: three plain subqueries, each read through its own index (pathways by holder,
    by prescriber, the user's seats). One subquery OR-ing the three, through a join on
    the seats, read every pathway of the platform in that state."""
    organizations = _referring(memberships)
    seats = TeamMember.objects.filter(
        user=user,
        organization_id__in=_joining_teams(memberships),
        **{f"pathway__{name}": value for name, value in conditions.items()},
    )
    return (
        Q(
            person_id__in=Pathway.objects.filter(
                organization_id__in=organizations, **conditions
            ).values("person_id")
        )
        | Q(
            person_id__in=Pathway.objects.filter(
                prescriber_organization_id__in=organizations, **conditions
            ).values("person_id")
        )
        | Q(person_id__in=seats.values("pathway__person_id"))
    )


def persons_for_list(user, *, query: str = "", filters: dict | None = None, organization=None):
    """The people `organization` (one of the user's; all of them if None) follows or
    referred, searched by name and filtered.

    `filters`: `state` and `kind` (of a pathway held or referred by the organization),
    `referent` ("me": the user is the referent of one of them), `job` (a wished
    Appellation, or a RomeFamily for any job of it), `commune` (a Commune or its code),
    `available_by` (a date: available from then or sooner, or no date said),
    `travel_km` (goes at least that far), `sort` ("name" or "updated"). Each person
    carries `scoped_pathways`, their pathways seen from the organization, the current
    one first, and `listed_wishes`, their wishes in their order."""
    filters = filters or {}
    memberships = _memberships(user, organization)
    rows = _listed_rows(user, memberships, query=query, filters=filters)
    return _people(
        user, memberships, Q(pk__in=rows.values("person_id")), filters, few=bool(query_words(query))
    )


# Up to this many people found, a list page is read by their ids. Behind a filter the
# planner cannot tell how few they are (it took a large structure's 500 people for
# 17,500, and read the whole table of persons instead of 500 records).
FEW = 2_000


def person_list_page(
    user,
    *,
    query: str = "",
    filters: dict | None = None,
    organization=None,
    number=None,
    per_page: int,
):
    """The page `number` (as typed in the URL, as `Paginator.get_page` reads it) of
    `persons_for_list`, narrowed to what the list shows (`list_rows`).

    The people found and their number come from the table of who sees whom alone: the
    structure's rows, their copy of the names and the pathway filters, all in indexes,
    never reading the people (a `COUNT(*)` over the people read a large structure's
    10,000 records spread over the whole table, or the whole table). The few merged or
    anonymised records are left out through their own index. Only a filter on what the
    person alone holds (commune, availability, travel radius) counts the people."""
    filters = filters or {}
    memberships = _memberships(user, organization)
    if any(filters.get(name) for name in ON_THE_PERSON):
        people = persons_for_list(user, query=query, filters=filters, organization=organization)
        return Paginator(list_rows(people), per_page).get_page(number)
    rows = _listed_rows(user, memberships, query=query, filters=filters).exclude(
        person_id__in=Person.objects.inactive().values("pk")
    )
    found = rows.values_list("person_id", flat=True).distinct().order_by()
    ids = list(found[: FEW + 1])
    if len(ids) <= FEW:
        people, total = _people(user, memberships, Q(pk__in=ids), filters, few=True), len(ids)
    else:
        people = persons_for_list(user, query=query, filters=filters, organization=organization)
        total = found.count()
    return CountedPaginator(list_rows(people), per_page, total).get_page(number)


# Filters on the person's own record, which the table of who sees whom does not copy.
ON_THE_PERSON = ("commune", "available_by", "travel_km")


def _people(user, memberships, chosen: Q, filters: dict, *, few: bool):
    people = Person.objects.active().filter(chosen)
    if filters.get("commune"):
        people = people.filter(commune=filters["commune"])
    if filters.get("available_by"):
        people = people.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=filters["available_by"])
        )
    if filters.get("travel_km"):
        people = people.filter(max_travel_km__gte=filters["travel_km"])
    current_first = (
        scoped_pathways(user, memberships)
        .select_related("referent", "organization")
        .order_by(F("closed_on").asc(nulls_first=True), "-started_on", "-id")
    )
    return (
        people.select_related("commune")
        .prefetch_related(
            Prefetch("pathways", queryset=current_first, to_attr="scoped_pathways"),
            # The page's people's wishes, in their order: the list shows the first.
            Prefetch(
                "wishes",
                queryset=Wish.objects.select_related("appellation").order_by("rank", "id"),
                to_attr="listed_wishes",
            ),
        )
        .order_by(*_order(filters.get("sort") or "name", few=few))
    )


def _memberships(user, organization) -> list:
    """The user's memberships, of `organization` only if given."""
    return [
        m
        for m in active_memberships(user)
        if organization is None or m.organization_id == organization.pk
    ]


def _listed_rows(user, memberships, *, query: str, filters: dict):
    """The rows of who sees whom behind a list: in the memberships' scope, about people
    whose name has every word searched (the rows carry a copy of it) and with a pathway
    meeting the filters."""
    rows = _scope_rows(user, memberships)
    for word in query_words(query):
        rows = rows.filter(word_prefix("search_name", word))
    if filters.get("state"):
        rows = rows.filter(_with_pathway(user, memberships, state=filters["state"]))
    if filters.get("kind"):
        rows = rows.filter(_with_pathway(user, memberships, kind=filters["kind"]))
    if filters.get("referent") == "me":
        rows = rows.filter(_with_pathway(user, memberships, referent=user))
    if filters.get("job") is not None:
        rows = rows.filter(person_id__in=_wishing(filters["job"]).values("person_id"))
    return rows


def _wishing(job):
    """The wishes of `job`: an Appellation, or a RomeFamily (any job of it), through the
    index of the wishes by job."""
    if isinstance(job, RomeFamily):
        return Wish.objects.filter(appellation__rome=job)
    return Wish.objects.filter(appellation=job)


def _order(sort: str, *, few: bool) -> tuple:
    if sort not in SORTS or sort == "name":
        return SEARCHED_BY_NAME if few else SORTS["name"]
    return SORTS[sort]


# What a row of the person list page shows: a person's record has some forty columns,
# and loading them all for 25 rows costs more than writing the rows.
LIST_ROW_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "last_contact_at",
    "consent_pending",
    "commune__name",
)


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
