from datetime import date, timedelta

from django.utils import timezone

from organizations.enums import OrganizationKind, Role
from pathways.enums import TeamRole
from pathways.services import team_member_add
from persons.access import Level, access_level
from persons.models import Person
from persons.services import person_create, person_merge
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def test_the_holding_structure_sees_everything(team, followed):
    assert access_level(team.colleague, followed.person) == Level.TEAM
    assert access_level(team.admin, followed.person) == Level.TEAM
    assert followed.person in Person.objects.visible_to(team.colleague)


def test_the_prescriber_sees_milestones(team, followed):
    assert access_level(followed.prescriber_user, followed.person) == Level.MILESTONES
    assert followed.person in Person.objects.visible_to(followed.prescriber_user)


def test_a_stranger_sees_nothing(team, followed):
    assert access_level(team.stranger, followed.person) == Level.NONE
    assert not Person.objects.visible_to(team.stranger).exists()


def test_a_team_member_sees_until_their_access_ends(team, followed, monkeypatch):
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    social_worker = MembershipFactory(organization=partner, role=Role.MEMBER).user
    member = team_member_add(
        pathway=followed.pathway,
        user=social_worker,
        organization=partner,
        role=TeamRole.SOCIAL_WORKER,
        access_until=date.today(),
        actor=team.colleague,
    )
    assert member.access_until == date.today()
    assert access_level(social_worker, followed.person) == Level.TEAM
    tomorrow = date.today() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert access_level(social_worker, followed.person) == Level.NONE


def test_a_merged_record_is_seen_by_nobody(team, followed):
    twin = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Sandrine", "last_name": "QUINTAVAL"},
    )
    person_merge(
        keep=followed.person, duplicate=twin, user=team.admin, organization=team.organization
    )
    assert access_level(team.colleague, twin) == Level.NONE
    assert set(Person.objects.visible_to(team.colleague)) == {followed.person}
