"""Employer groups in their space: the offers, candidates and requests of their member
companies (while members), their answers, their own member list; and the employer's
home as a to-do list."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from companies import services as company_services
from companies.models import GroupMembership
from notifications.services import preferences_set
from offers import services
from offers.employer_todo import employer_todo
from offers.enums import IntroductionState, OfferState
from offers.interest_answers import interest_answer
from offers.models import Introduction, JobOffer, OfferInterest
from offers.selectors import (
    candidates_for_employer,
    interests_for_employer,
    waiting_introductions,
)
from organizations.enums import OrganizationKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import company, employer_account, offer


def employer_group(name="GE des Tests"):
    """An employer group with its own account, one member user, and two member
    companies without an account."""
    organization = OrganizationFactory(name=name, kind=OrganizationKind.EMPLOYER_GROUP)
    user = MembershipFactory(organization=organization).user
    group = company(name=name, organization=organization)
    group.is_employer_group = True
    group.save()
    members = [company(name="Maraîcher des Tests"), company(name="Serres des Tests")]
    memberships = [
        company_services.group_member_add(
            group=group, member=member, since=date(2024, 1, 1), actor=user
        )
        for member in members
    ]
    return organization, user, group, members, memberships


def introduce(team, person, made):
    return services.introduction_create(
        offer=made, person=person, organization=team.organization, user=team.colleague
    )


def visitor(made, first_name="Lina"):
    return OfferInterest.objects.create(
        offer=made, first_name=first_name, last_name="Morel", phone="0600000000"
    )


def test_the_group_sees_the_offers_candidates_and_requests_of_its_member_companies(
    client, team, followed
):
    organization, user, group, (maraicher, _), _ = employer_group()
    # Published by the group for its member, and by a structure for the same member.
    by_the_group = offer(organization, user, employer=maraicher, state=OfferState.PUBLISHED)
    by_a_structure = offer(
        team.organization, team.colleague, employer=maraicher, state=OfferState.PUBLISHED
    )
    elsewhere = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    introduce(team, followed.person, by_the_group)
    visitor(by_a_structure, "Lina")
    visitor(elsewhere, "Inconnue")
    client.force_login(user)
    body = client.get(reverse("employer_space")).content.decode()
    assert by_the_group.title in body and "Maraîcher des Tests" in body
    assert body.count(f'href="{reverse("offer_detail", args=[by_a_structure.pk])}"') == 1
    assert reverse("offer_detail", args=[elsewhere.pk]) not in body
    assert "Sandrine Q." in body and "Quintaval" not in body
    assert "Lina Morel" in body and "Inconnue" not in body
    assert [c.introduction.offer for c in candidates_for_employer(user)] == [by_the_group]


def test_a_member_company_with_an_account_sees_its_own_part_only(client, team, followed):
    organization, user, group, (maraicher, serres), _ = employer_group()
    member_org, member_user, member_company = employer_account(name="Verger des Tests")
    company_services.group_member_add(group=group, member=member_company, actor=user)
    own = offer(organization, user, employer=member_company, state=OfferState.PUBLISHED)
    other_member = offer(organization, user, employer=serres, state=OfferState.PUBLISHED)
    introduce(team, followed.person, own)
    visitor(other_member, "Autre")
    assert list(JobOffer.objects.for_employer(member_user)) == [own]
    assert [c.introduction.offer for c in candidates_for_employer(member_user)] == [own]
    assert not interests_for_employer(member_user).exists()
    # The group sees both.
    assert set(JobOffer.objects.for_employer(user)) == {own, other_member}


def test_the_group_answers_an_introduction_and_a_request_on_a_member_offer(client, team, followed):
    organization, user, group, (maraicher, _), _ = employer_group()
    made = offer(team.organization, team.colleague, employer=maraicher, state=OfferState.PUBLISHED)
    introduction = introduce(team, followed.person, made)
    interest = visitor(made)
    client.force_login(user)
    response = client.post(
        reverse("introduction_answer", args=[introduction.pk]),
        {"to_state": "interview", "on": (date.today() + timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.INTERVIEW
    page = client.get(reverse("employer_interest", args=[interest.pk]))
    assert "Lina Morel" in page.content.decode() and "0600000000" in page.content.decode()
    response = client.post(
        reverse("employer_interest_answer", args=[interest.pk]), {"answer": "contacted"}
    )
    assert response.status_code == 302
    interest.refresh_from_db()
    assert (interest.answer, interest.answered_by) == ("contacted", user)
    assert AuditEntry.objects.filter(
        content_type__model="offerinterest", object_id=str(interest.pk), actor=user
    ).exists()
    # A bad answer is said in French, the page kept.
    response = client.post(
        reverse("employer_interest_answer", args=[interest.pk]), {"answer": "peut-être"}
    )
    assert response.status_code == 400
    assert "Choisissez votre réponse dans la liste." in response.content.decode()


def test_another_employer_cannot_read_or_answer_the_group_requests(client, team, followed):
    organization, user, group, (maraicher, _), _ = employer_group()
    _, other_user, _ = employer_account(name="Autre Entreprise")
    made = offer(organization, user, employer=maraicher, state=OfferState.PUBLISHED)
    interest = visitor(made)
    introduction = introduce(team, followed.person, made)
    client.force_login(other_user)
    assert client.get(reverse("employer_interest", args=[interest.pk])).status_code == 404
    assert client.get(reverse("employer_candidate", args=[introduction.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        interest_answer(interest=interest, user=other_user, answer="contacted")
    assert client.get(reverse("employer_members")).status_code == 403


def test_after_a_member_leaves_the_group_no_longer_sees_its_offers_but_keeps_its_own(
    team, followed
):
    organization, user, group, (maraicher, _), (membership, _) = employer_group()
    held = offer(organization, user, employer=maraicher, state=OfferState.PUBLISHED)
    by_a_structure = offer(
        team.organization, team.colleague, employer=maraicher, state=OfferState.PUBLISHED
    )
    assert set(JobOffer.objects.for_employer(user)) == {held, by_a_structure}
    company_services.group_member_leave(membership=membership, actor=user)
    assert list(JobOffer.objects.for_employer(user)) == [held]
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
    # The history stays; joining again opens a new membership.
    again = company_services.group_member_add(group=group, member=maraicher, actor=user)
    assert GroupMembership.objects.filter(group=group, member=maraicher).count() == 2
    assert again.left_on is None


def test_only_the_group_changes_its_member_list_when_it_has_an_account(team):
    organization, user, group, (maraicher, _), (membership, _) = employer_group()
    newcomer = company(name="Nouvelle Ferme")
    with pytest.raises(PermissionDenied, match="gère lui-même"):
        company_services.group_member_add(group=group, member=newcomer, actor=team.colleague)
    with pytest.raises(PermissionDenied, match="gère lui-même"):
        company_services.group_member_leave(membership=membership, actor=team.colleague)
    # A group without an account: a structure records its members, in the audit trail.
    no_account = company(name="GE sans compte")
    no_account.is_employer_group = True
    no_account.save()
    recorded = company_services.group_member_add(
        group=no_account, member=newcomer, actor=team.colleague
    )
    assert recorded.pk
    with pytest.raises(PermissionDenied):
        company_services.group_member_add(group=no_account, member=maraicher, actor=user)


def test_the_group_adds_a_member_and_records_a_leave_after_confirming(client, team):
    organization, user, group, (maraicher, _), (membership, _) = employer_group()
    newcomer = company(name="Nouvelle Ferme")
    client.force_login(user)
    page = client.get(reverse("employer_members")).content.decode()
    assert "Maraîcher des Tests" in page and "01/01/2024" in page
    response = client.post(
        reverse("employer_member_add"), {"member": newcomer.pk, "since": "2026-01-15"}
    )
    assert response.status_code == 302
    assert GroupMembership.objects.filter(group=group, member=newcomer).active().exists()
    url = reverse("employer_member_leave", args=[membership.pk])
    confirm = client.get(url).content.decode()
    assert "Confirmer la sortie" in confirm
    membership.refresh_from_db()
    assert membership.left_on is None  # asking changes nothing
    response = client.post(url, {"left_on": "2023-12-01"})
    assert response.status_code == 400
    assert "ne peut pas précéder la date" in response.content.decode()
    assert client.post(url, {"left_on": ""}).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
    page = client.get(reverse("employer_members")).content.decode()
    assert "Anciens membres" in page
    assert client.get(url).status_code == 404  # left: nothing more to leave


def test_the_home_lists_what_waits_first_then_interviews_then_offers_to_update(
    client, team, followed
):
    organization, user, group, (maraicher, serres), _ = employer_group()
    waiting = offer(organization, user, employer=maraicher, state=OfferState.PUBLISHED)
    interviewing = offer(organization, user, employer=serres, state=OfferState.PUBLISHED)
    stale = offer(organization, user, employer=serres, state=OfferState.PUBLISHED)
    JobOffer.objects.filter(pk=stale.pk).update(last_updated_at=timezone.now() - timedelta(days=54))
    from tests.factories.persons import PersonFactory

    other = PersonFactory(created_by_organization=team.organization)
    interview = introduce(team, other, interviewing)
    services.introduction_answer(
        introduction=interview,
        user=user,
        to_state="interview",
        on=date.today() + timedelta(days=2),
    )
    candidate = introduce(team, followed.person, waiting)
    interest = visitor(waiting)
    todo = employer_todo(
        waiting_introductions(user),
        interests_for_employer(user),
        JobOffer.objects.for_employer(user),
    )
    assert [t.group for t in todo] == ["answer", "answer", "interview", "offer"]
    assert {t.url for t in todo[:2]} == {
        reverse("employer_candidate", args=[candidate.pk]),
        reverse("employer_interest", args=[interest.pk]),
    }
    assert todo[2].url == reverse("employer_candidate", args=[interview.pk])
    assert todo[3].url == reverse("offer_detail", args=[stale.pk])
    client.force_login(user)
    body = client.get(reverse("employer_space")).content.decode()
    assert "À faire (4)" in body
    for item in todo:
        assert client.get(item.url).status_code == 200
    # Answered, the request leaves the list.
    interest_answer(interest=interest, user=user, answer="no_follow_up")
    assert len(employer_todo([], interests_for_employer(user), JobOffer.objects.none())) == 0


def test_the_structure_is_told_of_the_answer_by_email_and_in_its_worklist(
    client, team, followed, django_capture_on_commit_callbacks
):
    organization, user, group, (maraicher, _), _ = employer_group()
    made = offer(organization, user, employer=maraicher, state=OfferState.PUBLISHED)
    introduction = introduce(team, followed.person, made)
    mail.outbox.clear()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("introduction_answer", args=[introduction.pk]),
            {"to_state": "declined", "reason": "schedule", "comment": "Horaires du matin"},
        )
    assert [m.to for m in mail.outbox] == [[team.colleague.email]]
    assert "ne retient pas la candidature" in mail.outbox[0].subject
    assert reverse("person_timeline", args=[followed.person.pk]) in mail.outbox[0].body
    client.force_login(team.colleague)
    worklist = client.get(reverse("worklist")).content.decode()
    assert "Réponses des employeurs (1)" in worklist
    assert "Horaires incompatibles" in worklist


def test_the_answer_email_respects_the_notification_preference(
    team, followed, django_capture_on_commit_callbacks
):
    organization, user, group, (maraicher, _), _ = employer_group()
    preferences_set(user=team.colleague, by_email={"offer_employer_answered": False})
    made = offer(organization, user, employer=maraicher, state=OfferState.PUBLISHED)
    introduction = introduce(team, followed.person, made)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.introduction_answer(introduction=introduction, user=user, to_state="interview")
    assert len(callbacks) == 1  # the notice ran, and sent nothing
    assert mail.outbox == []
    assert Introduction.objects.get(pk=introduction.pk).state == "interview"


def test_the_interest_and_reminder_emails_respect_the_preferences(
    team, django_capture_on_commit_callbacks
):
    organization, user, group, (maraicher, _), _ = employer_group()
    colleague = MembershipFactory(organization=organization).user
    preferences_set(user=colleague, by_email={"offer_interest": False, "offer_reminder": False})
    made = offer(organization, user, employer=maraicher, state=OfferState.PUBLISHED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_submit(
            offer=made, first_name="Lina", last_name="Morel", phone="0600000000"
        )
    assert [m.to for m in mail.outbox] == [[user.email]]
    mail.outbox.clear()
    JobOffer.objects.filter(pk=made.pk).update(last_updated_at=timezone.now() - timedelta(days=54))
    with django_capture_on_commit_callbacks(execute=True):
        services.offers_follow_up()
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_the_api_lists_and_answers_the_requests_on_member_offers_as_the_page_does(
    client, team, bearer
):
    organization, user, group, (maraicher, _), _ = employer_group()
    by_a_structure = offer(
        team.organization, team.colleague, employer=maraicher, state=OfferState.PUBLISHED
    )
    request = visitor(by_a_structure, "Lina")
    headers = bearer(user)
    listed = client.get("/api/v1/employer/interests", headers=headers).json()
    assert [(i["id"], i["first_name"], i["answer_label"]) for i in listed["items"]] == [
        (request.pk, "Lina", "À traiter")
    ]
    url = f"/api/v1/employer/interests/{request.pk}/answer"
    refused = client.post(
        url, {"answer": "embauche"}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 422
    request.refresh_from_db()
    assert request.answer == ""
    answered = client.post(
        url, {"answer": "interview"}, content_type="application/json", headers=headers
    )
    assert answered.status_code == 200
    assert answered.json()["answer_label"] == "Entretien proposé"
    request.refresh_from_db()
    assert (request.answer, request.answered_by) == ("interview", user)
    # Another employer, and the structure that holds the offer, get nothing.
    other = employer_account("Autre Employeur")[1]
    for stranger in (other, team.colleague):
        stranger_headers = bearer(stranger)
        assert (
            client.get("/api/v1/employer/interests", headers=stranger_headers).json()["items"] == []
        )
        assert (
            client.post(
                url,
                {"answer": "contacted"},
                content_type="application/json",
                headers=stranger_headers,
            ).status_code
            == 404
        )
