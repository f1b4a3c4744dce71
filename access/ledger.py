"""Keeping the table of who sees whom (`access.models.PersonAccess`) true.

The rules are written once, as four queries over the facts (pathways held, pathways
prescribed, records created, seats on teams), each read through the capabilities of
`access.policy`. The same queries serve three ways:

- `refresh(person_ids)`: the services that change a fact rewrite the rows of the persons
  concerned, in their own transaction (a crash leaves the old rows and the old facts);
- `rebuild()`: the whole table at once, in the database (`INSERT … SELECT`), for a
  migration, a bulk load or `manage.py person_access --rebuild`;
- `differences()`: what the table holds that the rules do not give, and the reverse:
  `manage.py person_access --check` proves they agree.

Who calls `refresh`: opening a pathway, seating or unseating a team member, creating a
person, merging two records, changing an organization's kind. Deleting a person or an
organization deletes its rows with it (CASCADE).

Each row also carries a copy of some of its person's columns (`COPIED`: the name searched
in a structure's list, the last contact its worklist sorts by), so that a structure's
pages read its own rows and never a person of the rest of the platform. `refresh` and
`rebuild` write them with the rows; `copy_person` again whenever they change on the
person (`persons.services`), in the same transaction; `stale_copies()` finds a copy that
no longer says what the person says.
"""

from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Case, CharField, DateField, F, IntegerField, Min, Q, Value, When
from django.db.models.functions import TruncDate

from access.models import PersonAccess, Relation
from access.policy import Capability, kind_holds
from organizations.enums import KIND_GROUPS
from pathways.models import Pathway, TeamMember
from persons.levels import Level
from persons.models import Person

# The order of the columns the rules select, and of the tuples they compare.
COLUMNS = ("organization_id", "person_id", "level", "relation", "since", "user_id", "until")
# The person's columns each row carries a copy of.
COPIED = ("search_name", "last_contact_at")
_BATCH = 50_000


def _kinds(capability: Capability) -> list[str]:
    return [kind for kind in KIND_GROUPS if kind_holds(kind, capability)]


def _rules(pathway=Pathway, team_member=TeamMember, person=Person):
    """Per relation: the query giving its rows (columns in `COLUMNS` order, one row per
    distinct access, `since` its earliest date) and the field naming the person, to
    narrow it to some persons. A migration passes its historical models."""
    follow = _kinds(Capability.FOLLOW_PERSONS)
    refer = _kinds(Capability.REFER_PERSONS)
    join = _kinds(Capability.JOIN_TEAMS)
    join_for_milestones = _kinds(Capability.JOIN_TEAMS_FOR_MILESTONES)
    no_user = Value(None, output_field=IntegerField())
    no_end = Value(None, output_field=DateField())

    def level(kind_field: str, team_kinds: list[str]):
        return Case(
            When(**{f"{kind_field}__in": team_kinds}, then=Value(int(Level.TEAM))),
            default=Value(int(Level.MILESTONES)),
            output_field=IntegerField(),
        )

    def relation(value: Relation):
        return Value(value.value, output_field=CharField())

    def on_pathways(organization_field: str, kinds: list[str], at: Level, why: Relation):
        return (
            pathway.objects.filter(**{f"{organization_field}__kind__in": kinds})
            .values(f"{organization_field}_id", "person_id")
            .annotate(
                a_level=Value(int(at), output_field=IntegerField()),
                a_relation=relation(why),
                a_since=Min("started_on"),
                a_user=no_user,
                a_until=no_end,
            )
        )

    # A pathway held by an organization that follows people: the team's view.
    holds = on_pathways("organization", follow, Level.TEAM, Relation.HOLDS)
    # The prescriber named on a pathway: the milestones, whatever else it is.
    prescribed = on_pathways(
        "prescriber_organization", refer, Level.MILESTONES, Relation.PRESCRIBED
    )
    # The organization that created the record: the team's view if it follows people,
    # the milestones if it only refers them; nothing for the other kinds.
    created = (
        person.objects.filter(created_by_organization__kind__in=[*follow, *refer])
        .values("created_by_organization_id", "id")
        .annotate(
            a_level=level("created_by_organization__kind", follow),
            a_relation=relation(Relation.CREATED),
            a_since=Min(TruncDate("created_at")),
            a_user=no_user,
            a_until=no_end,
        )
    )
    # A seat on a pathway team: the seat holder only, at the level of the seat's
    # organization, until the seat's end date.
    seats = (
        team_member.objects.filter(organization__kind__in=[*join, *join_for_milestones])
        .values("organization_id", "pathway__person_id", "user_id", "access_until")
        .annotate(
            a_level=level("organization__kind", join),
            a_relation=relation(Relation.TEAM_SEAT),
            a_since=Min(TruncDate("added_at")),
        )
    )
    return [
        (
            holds.values_list(
                "organization_id", "person_id", "a_level", "a_relation", "a_since", "a_user",
                "a_until",
            ),
            "person_id",
        ),
        (
            prescribed.values_list(
                "prescriber_organization_id", "person_id", "a_level", "a_relation", "a_since",
                "a_user", "a_until",
            ),
            "person_id",
        ),
        (
            created.values_list(
                "created_by_organization_id", "id", "a_level", "a_relation", "a_since",
                "a_user", "a_until",
            ),
            "id",
        ),
        (
            seats.values_list(
                "organization_id", "pathway__person_id", "a_level", "a_relation", "a_since",
                "user_id", "access_until",
            ),
            "pathway__person_id",
        ),
    ]  # fmt: skip


def expected_rows(person_ids: Iterable[int] | None = None) -> Iterator[tuple]:
    """The rows the rules give (for these persons only, if given)."""
    ids = None if person_ids is None else list(person_ids)
    for query, person_field in _rules():
        if ids is not None:
            query = query.filter(**{f"{person_field}__in": ids})
        yield from query.order_by()


@transaction.atomic
def refresh(person_ids: Iterable[int]) -> None:
    """Rewrite the rows of these persons from the facts: called by every service that
    changes who sees them, inside its transaction."""
    ids = sorted({int(pk) for pk in person_ids if pk is not None})
    if not ids:
        return
    PersonAccess.objects.filter(person_id__in=ids).delete()
    copies = {
        pk: dict(zip(COPIED, values, strict=True))
        for pk, *values in Person.objects.filter(pk__in=ids).values_list("pk", *COPIED)
    }
    PersonAccess.objects.bulk_create(
        PersonAccess(**dict(zip(COLUMNS, row, strict=True)), **copies[row[1]])
        for row in expected_rows(ids)
    )


def copy_person_columns(access=PersonAccess, person=Person) -> None:
    """Every row's copy of its person's columns (`COPIED`, those the table has: the
    models of a migration may be given), in one statement."""
    held = {field.name for field in access._meta.get_fields()}
    copied = [column for column in COPIED if column in held]
    if not copied:
        return
    quote = connection.ops.quote_name
    rows, people = quote(access._meta.db_table), quote(person._meta.db_table)
    person_id = quote("person_id")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a join: a subquery per row is minutes here
            columns = ", ".join(f"{quote(c)} = p.{quote(c)}" for c in copied)
            cursor.execute(
                f"UPDATE {rows} SET {columns} FROM {people} p WHERE p.id = {rows}.{person_id}"
            )
        else:
            columns = ", ".join(quote(c) for c in copied)
            selected = ", ".join(f"p.{quote(c)}" for c in copied)
            cursor.execute(
                f"UPDATE {rows} SET ({columns}) = "
                f"(SELECT {selected} FROM {people} p WHERE p.id = {rows}.{person_id})"
            )


def copy_person(person) -> None:
    """After the person's names or last contact changed (`persons.services`, in its
    transaction): the copies its rows carry."""
    PersonAccess.objects.filter(person_id=person.pk).update(
        **{column: getattr(person, column) for column in COPIED}
    )


def refresh_organization(organization) -> None:
    """After an organization's kind changed: every person it holds, prescribed, created
    or sits on the team of may now be seen differently."""
    pathways = Pathway.objects.filter(
        Q(organization=organization) | Q(prescriber_organization=organization)
    ).values_list("person_id", flat=True)
    created = Person.objects.filter(created_by_organization=organization).values_list(
        "id", flat=True
    )
    seats = TeamMember.objects.filter(organization=organization).values_list(
        "pathway__person_id", flat=True
    )
    refresh({*pathways, *created, *seats})


@transaction.atomic
def rebuild(models=None) -> int:
    """The whole table from the rules, in the database: one `INSERT … SELECT` per
    relation, never a row through Python. Returns the number of rows. `models`: the
    historical models of a migration (`apps`), the current ones by default."""
    access = models.get_model("access", "PersonAccess") if models else PersonAccess
    rules = (
        _rules(
            models.get_model("pathways", "Pathway"),
            models.get_model("pathways", "TeamMember"),
            models.get_model("persons", "Person"),
        )
        if models
        else _rules()
    )
    access.objects.all().delete()
    table = connection.ops.quote_name(access._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    with connection.cursor() as cursor:
        for query, _ in rules:
            sql, params = query.order_by().query.sql_with_params()
            cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
    copy_person_columns(access, models.get_model("persons", "Person") if models else Person)
    return access.objects.count()


def differences(batch: int = _BATCH) -> tuple[list[tuple], list[tuple]]:
    """(missing, extra): the rows the rules give that the table lacks, and those it holds
    that the rules do not give. Read by ranges of person ids, so that a platform of a
    million people is checked in bounded memory."""
    missing: list[tuple] = []
    extra: list[tuple] = []
    last = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for start in range(0, last + 1, batch):
        ids = range(start, start + batch)
        window = Q(person_id__gte=ids.start, person_id__lt=ids.stop)
        expected = set()
        for query, person_field in _rules():
            expected.update(
                query.filter(
                    **{f"{person_field}__gte": ids.start, f"{person_field}__lt": ids.stop}
                ).order_by()
            )
        actual = set(PersonAccess.objects.filter(window).values_list(*COLUMNS))
        missing.extend(sorted(expected - actual, key=_sort_key))
        extra.extend(sorted(actual - expected, key=_sort_key))
    return missing, extra


def _differs(column: str) -> Q:
    """The row's copy of `column` is not its person's (empty on one side only counts)."""
    truth = F(f"person__{column}")
    return (
        Q(**{f"{column}__lt": truth})
        | Q(**{f"{column}__gt": truth})
        | Q(**{f"{column}__isnull": True, f"person__{column}__isnull": False})
        | Q(**{f"{column}__isnull": False, f"person__{column}__isnull": True})
    )


def stale_copies(batch: int = _BATCH) -> list[tuple]:
    """(organization_id, person_id, column) of every row whose copy of a person's column
    (`COPIED`) is not what the person holds now: a write that went round
    `copy_person` (a direct `save()` or `update()`). By ranges of person ids."""
    stale: list[tuple] = []
    last = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for start in range(0, last + 1, batch):
        window = PersonAccess.objects.filter(person_id__gte=start, person_id__lt=start + batch)
        for column in COPIED:
            stale.extend(
                (organization_id, person_id, column)
                for organization_id, person_id in window.filter(_differs(column))
                .order_by("person_id", "organization_id")
                .values_list("organization_id", "person_id")
            )
    return stale


def _sort_key(row: tuple) -> tuple:
    return tuple("" if value is None else str(value) for value in row)
