"""One access rule per domain (`persons.access`, `pathways.access`, `offers.access`,
`referrals.access`), the same for pages, API and services: what a user may not see
answers 404 everywhere; what they see but may not do answers 403; a service refuses an
actor who is not on the right side, whoever calls it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from offers import services as offers
from offers.access import offer_for
from offers.enums import OfferState
from pathways import services as pathways
from pathways.access import pathway_to_manage
from pathways.enums import PathwayState, TeamRole
from persons.access import Level, person_for
from persons.services import person_create, person_merge
from referrals import services as referrals
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import employer_account, offer

pytestmark = pytest.mark.django_db

TABS = ["", "parcours/", "plan/", "chronologie/", "freins/", "situation/"]


def test_person_for_gives_the_level_or_404_or_403(team, followed):
    person = followed.person
    assert person_for(team.colleague, person.pk) == (person, Level.TEAM)
    assert person_for(followed.prescriber_user, person.pk, needed=Level.MILESTONES) == (
        person,
        Level.MILESTONES,
    )
    with pytest.raises(PermissionDenied):
        person_for(followed.prescriber_user, person.pk)
    for wrong in (team.stranger,):
        with pytest.raises(Http404):
            person_for(wrong, person.pk, needed=Level.MILESTONES)
    for pk in ("abc", None, 10**9):
        with pytest.raises(Http404):
            person_for(team.colleague, pk)


def test_a_merged_record_answers_404(team, followed):
    twin = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Sandrine", "last_name": "Quintaval"},
    )
    person_merge(
        keep=followed.person, duplicate=twin, user=team.admin, organization=team.organization
    )
    with pytest.raises(Http404):
        person_for(team.colleague, twin.pk)


def test_every_tab_answers_404_to_a_stranger_and_an_employer_and_403_to_the_prescriber(
    client, bearer, team, followed
):
    _, manager, _ = employer_account()
    base = f"/personnes/{followed.person.pk}/"
    for user in (team.stranger, manager):
        client.force_login(user)
        for tab in TABS:
            assert client.get(base + tab).status_code == 404, (user, tab)
        for route in ("", "/barriers", "/pathways", "/timeline", "/objectives", "/immersions"):
            url = f"/api/v1/persons/{followed.person.pk}{route}"
            assert client.get(url, headers=bearer(user)).status_code == 404, (user, route)
    client.force_login(followed.prescriber_user)
    assert client.get(base).status_code == 200
    assert client.get(base + "parcours/").status_code == 200
    for tab in ("plan/", "freins/", "situation/"):
        assert client.get(base + tab).status_code == 403, tab
    headers = bearer(followed.prescriber_user)
    for route in ("", "/pathways", "/timeline"):  # the routes exist: 404 above meant hidden
        url = f"/api/v1/persons/{followed.person.pk}{route}"
        assert client.get(url, headers=headers).status_code == 200, route
    for route in ("/barriers", "/objectives", "/immersions"):
        url = f"/api/v1/persons/{followed.person.pk}{route}"
        assert client.get(url, headers=headers).status_code == 403, route


def test_a_pathway_is_changed_by_its_holder_only(client, bearer, team, followed):
    pathway = followed.pathway
    partner = MembershipFactory(organization=OrganizationFactory(kind="PARTNER"))
    pathways.team_member_add(
        pathway=pathway,
        user=partner.user,
        organization=partner.organization,
        role=TeamRole.SOCIAL_WORKER,
        access_until=None,
        actor=team.colleague,
    )
    # Services.
    for write in (
        lambda user: pathways.pathway_transition(
            pathway=pathway, to_state=PathwayState.ACTIVE, user=user
        ),
        lambda user: pathways.referent_change(pathway=pathway, referent=team.admin, actor=user),
    ):
        for user in (partner.user, team.stranger, followed.prescriber_user, None):
            with pytest.raises(PermissionDenied):
                write(user)
    # Fetch: 404 when the person is unseen or the pathway is not theirs, 403 for a partner.
    with pytest.raises(Http404):
        pathway_to_manage(team.stranger, pathway.pk)
    with pytest.raises(Http404):
        pathway_to_manage(team.colleague, pathway.pk, person_pk=pathway.person_id + 1)
    with pytest.raises(PermissionDenied):
        pathway_to_manage(partner.user, pathway.pk)
    # Pages and API.
    url = reverse("pathway_transition", args=[followed.person.pk, pathway.pk])
    api = f"/api/v1/pathways/{pathway.pk}/transitions"
    for user, status in ((team.stranger, 404), (partner.user, 403)):
        client.force_login(user)
        assert client.post(url, {f"p{pathway.pk}-transition-to_state": "active"}).status_code == (
            status
        )
        response = client.post(
            api, {"to_state": "active"}, headers=bearer(user), content_type="application/json"
        )
        assert response.status_code == status
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.INTAKE


def test_an_offer_is_fetched_and_changed_by_those_who_manage_it(client, bearer, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    _, manager, _ = employer_account()
    # Published, but not theirs: 404 (the public board has its own pages).
    for user in (team.stranger, manager):
        with pytest.raises(Http404):
            offer_for(user, made.pk, manage=False)
        with pytest.raises(Http404):
            offers.offer_transition(offer=made, user=user, to_state=OfferState.PAUSED)
        response = client.post(
            f"/api/v1/offers/{made.pk}/transitions",
            {"to_state": "paused"},
            headers=bearer(user),
            content_type="application/json",
        )
        assert response.status_code == 404
        client.force_login(user)
        page = client.post(reverse("offer_transition", args=[made.pk]), {"to_state": "paused"})
        assert page.status_code == 404
    made.refresh_from_db()
    assert made.state == OfferState.PUBLISHED
    assert offer_for(team.colleague, made.pk) == made


def test_a_referral_is_answered_by_its_receiver_and_withdrawn_by_its_sender(
    client, bearer, team, followed
):
    person = person_create(
        organization=followed.prescriber,
        user=followed.prescriber_user,
        data={"first_name": "Noémie", "last_name": "Orientée"},
    )
    referral = referrals.referral_create(
        person=person,
        to_organization=team.organization,
        motivation="Recherche un poste en chantier.",
        from_organization=followed.prescriber,
        from_user=followed.prescriber_user,
    )
    # Services.
    for user in (followed.prescriber_user, team.stranger):
        with pytest.raises(PermissionDenied):
            referrals.referral_refuse(referral=referral, user=user, reason="other", comment="x")
    for user in (team.colleague, team.stranger):
        with pytest.raises(PermissionDenied):
            referrals.referral_withdraw(referral=referral, user=user)
    # Pages and API: the stranger does not see it (404), the wrong side gets 403.
    cases = [
        (team.stranger, "referral_refuse", "refuse", 404),
        (team.stranger, "referral_withdraw", "withdraw", 404),
        (followed.prescriber_user, "referral_refuse", "refuse", 403),
        (team.colleague, "referral_withdraw", "withdraw", 403),
    ]
    for user, page, action, status in cases:
        client.force_login(user)
        assert client.post(reverse(page, args=[referral.pk]), {}).status_code == status
        response = client.post(
            f"/api/v1/referrals/{referral.pk}/{action}",
            {"reason": "other", "comment": "x"},
            headers=bearer(user),
            content_type="application/json",
        )
        assert response.status_code == status, (user, action)
    referral.refresh_from_db()
    assert referral.state == "sent"
