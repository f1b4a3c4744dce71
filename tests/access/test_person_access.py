"""The table of who sees whom (`access.models.PersonAccess`) against the rules it stands
for, read here the slow way: for each user and person, through the user's memberships,
the capabilities of `access.policy`, the pathways, the seats and the record's creator."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access import ledger
from access.models import PersonAccess, Relation
from access.policy import Capability, membership_can, team_level
from lib.planner_statistics import TARGET
from organizations.enums import OrganizationKind
from organizations.models import Membership
from organizations.services import organization_update
from pathways.enums import TeamRole
from pathways.models import TeamMember
from pathways.services import team_member_add, team_member_remove
from persons.access import access_level
from persons.levels import Level
from persons.models import Person
from persons.services import person_merge, person_update, touch_contact
from tests.factories.accounts import UserFactory
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory, TeamMemberFactory
from tests.factories.persons import PersonFactory

KINDS = [kind.value for kind in OrganizationKind]
ORGANIZATIONS, USERS, PERSONS = 3, 3, 3


def _level_by_the_rules(user, person) -> Level:
    today = timezone.localdate()
    level = Level.NONE
    for membership in Membership.objects.filter(user=user).select_related("organization"):
        if not membership.is_active:
            continue
        organization = membership.organization_id
        for pathway in person.pathways.all():
            if pathway.organization_id == organization and membership_can(
                membership, Capability.FOLLOW_PERSONS
            ):
                level = max(level, Level.TEAM)
            if pathway.prescriber_organization_id == organization and membership_can(
                membership, Capability.REFER_PERSONS
            ):
                level = max(level, Level.MILESTONES)
            for seat in pathway.team_members.all():
                if (
                    seat.user_id == user.pk
                    and seat.organization_id == organization
                    and (seat.access_until is None or seat.access_until >= today)
                ):
                    level = max(level, team_level(membership))
        if person.created_by_organization_id == organization:
            if membership_can(membership, Capability.FOLLOW_PERSONS):
                level = max(level, Level.TEAM)
            elif membership_can(membership, Capability.REFER_PERSONS):
                level = max(level, Level.MILESTONES)
    return level


def _assert_the_table_follows_the_rules(users, persons):
    assert ledger.differences() == ([], [])
    for user in users:
        user = type(user).objects.get(pk=user.pk)  # no memberships cached
        expected = {p.pk: _level_by_the_rules(user, p) for p in persons}
        seen = set(Person.objects.visible_to(user).values_list("pk", flat=True))
        followed = set(Person.objects.followed_by(user).values_list("pk", flat=True))
        assert seen == {pk for pk, level in expected.items() if level > Level.NONE}
        assert followed == {pk for pk, level in expected.items() if level == Level.TEAM}
        for person in persons:
            assert access_level(user, person) == expected[person.pk]


worlds = st.fixed_dictionaries(
    {
        "kinds": st.lists(st.sampled_from(KINDS), min_size=ORGANIZATIONS, max_size=ORGANIZATIONS),
        # Per (user, organization): no membership, an active one, one that ended.
        "memberships": st.lists(
            st.sampled_from([None, True, False]),
            min_size=USERS * ORGANIZATIONS,
            max_size=USERS * ORGANIZATIONS,
        ),
        "creators": st.lists(
            st.none() | st.integers(0, ORGANIZATIONS - 1), min_size=PERSONS, max_size=PERSONS
        ),
        "pathways": st.lists(
            st.tuples(
                st.integers(0, PERSONS - 1),
                st.integers(0, ORGANIZATIONS - 1),
                st.none() | st.integers(0, ORGANIZATIONS - 1),
            ),
            max_size=4,
        ),
        # (pathway, user, organization, end: none, yesterday, today, tomorrow)
        "seats": st.lists(
            st.tuples(
                st.integers(0, 3),
                st.integers(0, USERS - 1),
                st.integers(0, ORGANIZATIONS - 1),
                st.sampled_from([None, -1, 0, 1]),
            ),
            max_size=4,
        ),
        "new_kind": st.none()
        | st.tuples(st.integers(0, ORGANIZATIONS - 1), st.sampled_from(KINDS)),
    }
)


@pytest.mark.django_db
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
    max_examples=40,
)
@given(world=worlds)
def test_the_table_gives_each_user_what_the_rules_give(world):
    with transaction.atomic():
        organizations = [OrganizationFactory(kind=kind) for kind in world["kinds"]]
        users = [UserFactory() for _ in range(USERS)]
        for index, active in enumerate(world["memberships"]):
            if active is not None:
                MembershipFactory(
                    user=users[index // ORGANIZATIONS],
                    organization=organizations[index % ORGANIZATIONS],
                    is_active=active,
                )
        persons = [
            PersonFactory(created_by_organization=None if c is None else organizations[c])
            for c in world["creators"]
        ]
        pathways = [
            PathwayFactory(
                person=persons[p],
                organization=organizations[holder],
                prescriber_organization=None if prescriber is None else organizations[prescriber],
            )
            for p, holder, prescriber in world["pathways"]
        ]
        today = timezone.localdate()
        taken = set()
        for pathway, user, organization, end in world["seats"]:
            if pathway >= len(pathways) or (pathway, user) in taken:
                continue
            taken.add((pathway, user))
            TeamMemberFactory(
                pathway=pathways[pathway],
                user=users[user],
                organization=organizations[organization],
                access_until=None if end is None else today + timedelta(days=end),
            )
        if world["new_kind"] is not None:
            index, kind = world["new_kind"]
            organization_update(organization=organizations[index], data={"kind": kind})
        _assert_the_table_follows_the_rules(users, persons)
        # The whole table rebuilt in the database gives the same rows.
        before = sorted(PersonAccess.objects.values_list(*ledger.COLUMNS), key=ledger._sort_key)
        ledger.rebuild()
        after = sorted(PersonAccess.objects.values_list(*ledger.COLUMNS), key=ledger._sort_key)
        assert after == before
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_seating_unseating_and_merging_keep_the_table_true(team, followed):
    partner = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    )
    member = team_member_add(
        pathway=followed.pathway,
        user=partner.user,
        organization=partner.organization,
        role=TeamRole.OTHER,
        access_until=None,
        actor=team.colleague,
    )
    seat = PersonAccess.objects.get(relation=Relation.TEAM_SEAT, user=partner.user)
    assert (seat.organization_id, seat.person_id, seat.level) == (
        partner.organization_id,
        followed.person.pk,
        Level.TEAM,
    )
    team_member_remove(member=member, actor=team.colleague)
    assert not PersonAccess.objects.filter(user=partner.user).exists()

    duplicate = PathwayFactory(organization=team.organization).person
    person_merge(
        keep=followed.person,
        duplicate=duplicate,
        user=team.colleague,
        organization=team.organization,
    )
    assert ledger.differences() == ([], [])
    assert (
        PersonAccess.objects.filter(
            person=followed.person, organization=team.organization, relation=Relation.HOLDS
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_the_command_finds_a_table_that_strays_and_rebuilds_it(team, followed, capsys):
    call_command("person_access", "--check")
    PersonAccess.objects.filter(person=followed.person).delete()
    TeamMember.objects.all().delete()
    with pytest.raises(CommandError, match="ne suit pas les règles"):
        call_command("person_access", "--check")
    assert f"person_id={followed.person.pk}" in capsys.readouterr().err
    call_command("person_access", "--rebuild")
    assert "La table suit les règles" in capsys.readouterr().out
    assert access_level(team.colleague, followed.person) == Level.TEAM


@pytest.mark.django_db
def test_a_contact_and_a_new_name_reach_the_rows_copies(team, followed):
    when = timezone.now() - timedelta(days=3)
    touch_contact(followed.person, when)
    person_update(
        person=followed.person,
        data={"last_name": "Nouveau-Nom"},
        actor=team.colleague,
        organization=team.organization,
    )
    person = Person.objects.get(pk=followed.person.pk)
    rows = PersonAccess.objects.filter(person=person)
    assert rows.exists()
    assert {(row.search_name, row.last_contact_at) for row in rows} == {(person.search_name, when)}
    assert ledger.stale_copies() == []


@pytest.mark.django_db
def test_the_check_finds_a_copy_a_direct_write_left_stale(team, followed, capsys):
    call_command("person_access", "--check")
    Person.objects.filter(pk=followed.person.pk).update(last_contact_at=timezone.now())
    person = Person.objects.get(pk=followed.person.pk)
    person.search_name = "autre nom"
    person.save()  # round the services: the rows keep the old name
    with pytest.raises(CommandError, match="ne suit pas les règles"):
        call_command("person_access", "--check")
    err = capsys.readouterr().err
    assert "Copies périmées" in err
    assert f"person_id={person.pk}, search_name" in err
    assert f"person_id={person.pk}, last_contact_at" in err
    call_command("person_access", "--rebuild")
    assert ledger.stale_copies() == []


@pytest.mark.django_db
def test_postgresql_keeps_the_true_frequency_of_each_structure():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no frequencies per value")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname, attstattarget FROM pg_attribute "
            "WHERE (attrelid, attname) IN (('access_personaccess'::regclass, 'organization_id'),"
            " ('pathways_pathway'::regclass, 'organization_id'),"
            " ('pathways_pathway'::regclass, 'prescriber_organization_id'))"
        )
        targets = {(table, column): target for table, column, target in cursor.fetchall()}
    assert set(targets.values()) == {TARGET}
    assert len(targets) == 3
