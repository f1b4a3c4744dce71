from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organizations.enums import OrganizationKind
from pathways import pass_iae
from pathways.enums import PathwayState
from pathways.selectors import (
    open_pathways_by_person,
    passes_ending,
    without_contact,
    without_contact_rows,
)
from pathways.services import pass_set
from persons.models import Person
from persons.services import touch_contact
from plans import services
from plans.enums import ActionKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory

pytestmark = pytest.mark.django_db


def _pass_ending_in(pathway, days):
    pass_set(
        pathway=pathway,
        number="999992500001",
        start=pass_iae.anniversary(date.today() + timedelta(days=days + 1), -2),
        actor=pathway.referent,
    )


def test_it_finds_the_passes_ending_within_30_and_90_days(team, followed):
    _pass_ending_in(followed.pathway, 60)
    assert list(passes_ending(team.organization, within_days=90)) == [followed.pathway]
    assert not passes_ending(team.organization, within_days=30).exists()


def test_the_90_day_alert_does_not_repeat_the_30_day_one(team, followed):
    _pass_ending_in(followed.pathway, 20)
    assert list(passes_ending(team.organization, within_days=30)) == [followed.pathway]
    assert not passes_ending(team.organization, within_days=90, after_days=31).exists()


def test_it_finds_people_without_contact_for_30_days_mine_first(team, followed):
    assert list(without_contact(team.organization, team.colleague)) == [followed.pathway]
    assert not without_contact(team.organization, team.admin).exists()
    assert list(without_contact(team.organization, team.admin, whole_structure=True)) == [
        followed.pathway
    ]
    touch_contact(followed.person, timezone.now() - timedelta(days=3))
    assert not without_contact(team.organization, team.colleague).exists()


def test_those_never_contacted_come_first_then_the_longest_without_contact(team, followed):
    quiet = PathwayFactory(organization=team.organization, referent=team.colleague)
    never = PathwayFactory(organization=team.organization, referent=team.colleague)
    touch_contact(followed.person, timezone.now() - timedelta(days=40))
    touch_contact(quiet.person, timezone.now() - timedelta(days=90))
    listed = list(without_contact(team.organization, team.colleague))
    assert listed == [never, quiet, followed.pathway]


def test_the_ledger_gives_the_same_people_without_contact_in_the_same_order(team, followed):
    quiet = PathwayFactory(organization=team.organization, referent=team.colleague)
    never = PathwayFactory(organization=team.organization, referent=team.colleague)
    elsewhere = PathwayFactory(organization=team.organization, referent=team.admin)
    PathwayFactory(
        organization=team.organization, referent=team.colleague, state=PathwayState.CLOSED
    )
    gone = PathwayFactory(organization=team.organization, referent=team.colleague)
    Person.objects.filter(pk=gone.person_id).update(anonymised_at=timezone.now())
    touch_contact(followed.person, timezone.now() - timedelta(days=40))
    touch_contact(quiet.person, timezone.now() - timedelta(days=90))
    touch_contact(elsewhere.person, timezone.now() - timedelta(days=2))
    for user, whole in ((team.colleague, False), (team.admin, False), (team.admin, True)):
        expected = list(without_contact(team.organization, user, whole_structure=whole))
        rows = without_contact_rows(team.organization, user, whole_structure=whole)
        persons = list(rows.values_list("person_id", flat=True))
        shown = open_pathways_by_person(team.organization, persons)
        assert [shown[pk] for pk in persons] == expected
    assert expected == [never, quiet, followed.pathway]


def test_the_page_lists_each_section_with_counts_and_links(
    client, team, followed, django_assert_max_num_queries
):
    _pass_ending_in(followed.pathway, 20)
    services.action_create(
        actor=team.colleague,
        person=followed.person,
        kind=ActionKind.OTHER,
        title="Appeler l'employeur",
        owner=team.colleague,
        organization=team.organization,
        due_on=date.today() - timedelta(days=2),
    )
    services.appointment_create(
        actor=team.colleague,
        person=followed.person,
        at=timezone.now(),
        subject="Bilan du jour",
        organization=team.organization,
        with_user=team.colleague,
    )
    client.force_login(team.colleague)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("worklist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "PASS IAE se terminant dans les 30 jours (1)" in body
    assert "Mes actions en retard (1)" in body and "Appeler l&#x27;employeur" in body
    assert "Bilan du jour" in body
    assert reverse("person_pathways", kwargs={"person_pk": followed.person.pk}) in body
    assert "À traiter</a>" in body  # in the navigation


def test_an_organization_that_does_not_follow_people_is_refused(client, team):
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    user = MembershipFactory(organization=company).user
    client.force_login(user)
    assert client.get(reverse("worklist")).status_code == 403
    assert "À traiter</a>" not in client.get(reverse("home")).content.decode()


def test_a_stranger_sees_none_of_the_team_s_people(client, team, followed):
    client.force_login(team.stranger)
    body = client.get(reverse("worklist")).content.decode()
    assert followed.person.last_name not in body
