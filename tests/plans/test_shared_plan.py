"""A plan shared by the team: an action carried by the referent, a team member of
another organization, a partner service or the person; each owner sees what is theirs
in « Mes actions » and marks it done; employers never own nor see one."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from organizations.enums import OrganizationKind
from partner_services.services import service_referral_send
from pathways.enums import TeamRole
from pathways.models import TeamMember
from pathways.services import team_member_add
from plans import services
from plans.enums import ActionKind, ActionStatus
from plans.models import Action
from tests.barriers.helpers import demo_communes, partner_with_service
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(team, followed):
    """The France Travail adviser seated on the team: milestones only."""
    user = followed.prescriber_user
    team_member_add(
        pathway=followed.pathway,
        user=user,
        organization=followed.prescriber,
        role=TeamRole.COUNSELLOR,
        access_until=None,
        actor=team.colleague,
    )
    return user


@pytest.fixture
def garage(team, followed):
    """A partner service the person was referred to, and a member of its organization."""
    _, member, service = partner_with_service(demo_communes()["49353"])
    service_referral_send(
        person=followed.person,
        service=service,
        barrier=None,
        organization=team.organization,
        user=team.colleague,
        message="Besoin d'une voiture pour l'entretien.",
    )
    return member, service


def _action(team, followed, title="Inscription à l'atelier CV", **owner):
    return services.action_create(
        actor=team.colleague,
        person=followed.person,
        kind=ActionKind.JOB_SEARCH,
        title=title,
        organization=team.organization,
        due_on=date.today() + timedelta(days=5),
        **{"owner": None, **owner},
    )


def test_an_adviser_of_another_organization_carries_an_action_and_sees_only_it(
    client, team, followed, adviser
):
    theirs = _action(team, followed, owner=adviser)
    _action(team, followed, title="Action de la structure seule", owner=team.colleague)
    client.force_login(adviser)
    body = client.get(reverse("my_actions")).content.decode()
    assert "Inscription à l&#x27;atelier CV" in body
    assert "Action de la structure seule" not in body
    assert "1 action à faire" in body
    # The rest of the plan stays the team's.
    plan = client.get(reverse("person_plan", args=[followed.person.pk]))
    assert plan.status_code == 403
    assert theirs.owner_label == adviser.get_full_name()


def test_the_owner_marks_their_action_done_and_it_is_logged(client, team, followed, adviser):
    action = _action(team, followed, owner=adviser)
    client.force_login(adviser)
    response = client.post(reverse("my_action_done", args=[action.pk]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_on == date.today()
    event = TimelineEvent.objects.filter(person=followed.person).order_by("-id").first()
    assert event.title == "Action faite : Inscription à l'atelier CV"
    assert event.detail == f"Par {adviser}"
    update = AuditEntry.objects.get(object_id=str(action.pk), action="update")
    assert update.actor == adviser and "status" in update.changes


def test_nobody_else_marks_an_action_they_do_not_carry(client, team, followed, adviser):
    action = _action(team, followed, owner=team.colleague)
    for user in (adviser, team.stranger):
        client.force_login(user)
        assert client.post(reverse("my_action_done", args=[action.pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            services.action_set_status(action=action, status=ActionStatus.DONE, actor=user)
    action.refresh_from_db()
    assert action.status == ActionStatus.TODO


def test_a_seat_that_ended_takes_the_action_out_of_the_list(client, team, followed, adviser):
    action = _action(team, followed, owner=adviser)
    TeamMember.objects.filter(user=adviser).update(access_until=date.today() - timedelta(days=1))
    client.force_login(adviser)
    assert "Inscription" not in client.get(reverse("my_actions")).content.decode()
    assert client.post(reverse("my_action_done", args=[action.pk])).status_code == 404


def test_a_partner_service_carries_an_action_its_members_see_and_close(
    client, team, followed, garage
):
    member, service = garage
    action = _action(team, followed, title="Prêt d'un véhicule", owner_service=service)
    assert action.owner_label == "Service : Garage solidaire"
    client.force_login(member)
    assert "Prêt d&#x27;un véhicule" in client.get(reverse("my_actions")).content.decode()
    assert client.post(reverse("my_action_done", args=[action.pk])).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_a_service_the_person_was_never_referred_to_cannot_carry_an_action(team, followed):
    _, _, service = partner_with_service(demo_communes()["49353"], name="Auto-école sociale")
    with pytest.raises(ValidationError, match="orientez-la d'abord"):
        _action(team, followed, owner_service=service)
    assert not Action.objects.exists()


def test_the_person_carries_an_action_of_their_own(team, followed):
    action = _action(team, followed, owner_is_person=True)
    assert action.owner_label == "La personne elle-même"
    event = TimelineEvent.objects.filter(person=followed.person).order_by("-id").first()
    assert event.detail == "Responsable : La personne elle-même"


def test_an_action_has_one_owner_at_most(team, followed, adviser):
    with pytest.raises(ValidationError, match="un·e seul·e responsable"):
        _action(team, followed, owner=adviser, owner_is_person=True)


def test_an_employer_never_carries_an_action_nor_sees_one(client, team, followed):
    employer = OrganizationFactory(kind=OrganizationKind.COMPANY)
    boss = MembershipFactory(organization=employer).user
    with pytest.raises(ValidationError, match="ne suit pas cette personne"):
        _action(team, followed, owner=boss)
    # Even a seat written behind the services' back gives an employer nothing.
    TeamMember.objects.create(
        pathway=followed.pathway, user=boss, organization=employer, role=TeamRole.OTHER
    )
    Action.objects.filter(pk=_action(team, followed, owner=team.colleague).pk).update(owner=boss)
    client.force_login(boss)
    assert "Inscription" not in client.get(reverse("my_actions")).content.decode()


def test_the_team_hands_an_action_over_and_it_is_on_the_timeline(team, followed, adviser):
    action = _action(team, followed, owner=team.colleague)
    services.action_set_owner(action=action, owner=adviser, actor=team.colleague)
    action.refresh_from_db()
    assert action.owner == adviser
    event = TimelineEvent.objects.filter(person=followed.person).order_by("-id").first()
    assert event.title == "Action confiée : Inscription à l'atelier CV"
    with pytest.raises(PermissionDenied):
        services.action_set_owner(action=action, owner=team.colleague, actor=adviser)


def test_the_action_form_offers_the_team_the_services_and_the_person(
    client, team, followed, adviser, garage
):
    _, service = garage
    client.force_login(team.colleague)
    body = client.get(reverse("action_create", args=[followed.person.pk])).content.decode()
    assert f'<option value="u{adviser.pk}">' in body
    assert f'<option value="s{service.pk}">Garage solidaire</option>' in body
    assert '<option value="personne">Sandrine Quintaval (la personne elle-même)</option>' in body
    response = client.post(
        reverse("action_create", args=[followed.person.pk]),
        {"title": "Passer au garage", "kind": "mobility", "owner": f"s{service.pk}"},
    )
    assert response.status_code == 302
    assert Action.objects.get(title="Passer au garage").owner_service == service
