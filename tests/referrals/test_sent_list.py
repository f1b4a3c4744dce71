from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pathways.enums import PathwayState
from pathways.services import pathway_transition
from plans.models import Note
from referrals import services
from referrals.enums import RefusalReason
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db

SENT_LIST = "/orientations/envoyees/"


@pytest.fixture
def prescriber():
    return prescriber_with_adviser()


def test_the_prescriber_sees_the_answer_and_later_milestones_never_notes(client, team, prescriber):
    accepted = send(prescriber, person_of(prescriber, last_name="Accueillie"), team.organization)
    referral = services.referral_accept(referral=accepted, user=team.colleague)
    pathway_transition(pathway=referral.pathway, to_state=PathwayState.ACTIVE, user=team.colleague)
    pathway_transition(
        pathway=referral.pathway, to_state=PathwayState.IN_EMPLOYMENT, user=team.colleague
    )
    Note.objects.create(
        person=referral.person,
        organization=team.organization,
        author=team.colleague,
        text="note-confidentielle-de-l-equipe",
    )
    refused = send(prescriber, person_of(prescriber, last_name="Refusee"), team.organization)
    services.referral_refuse(
        referral=refused, user=team.colleague, reason=RefusalReason.SCHEDULE, comment="Nuit"
    )
    client.force_login(prescriber.adviser)
    assert reverse("referral_sent_list") == SENT_LIST
    response = client.get(SENT_LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Acceptée" in body and "En emploi" in body
    assert "Refusée" in body and "Pas de poste adapté aux horaires de la personne" in body
    assert "note-confidentielle-de-l-equipe" not in body
    figures = response.context["figures"]
    assert (figures["count"], figures["accepted"], figures["answered"]) == (2, 1, 2)


def test_it_filters_by_state_and_period(client, team, prescriber):
    old = send(prescriber, person_of(prescriber, last_name="Ancienne"), team.organization)
    old.sent_at = timezone.now() - timedelta(days=200)
    old.save()
    recent = send(prescriber, person_of(prescriber, last_name="Recente"), team.organization)
    services.referral_withdraw(referral=recent, user=prescriber.adviser)
    client.force_login(prescriber.adviser)
    page = client.get(SENT_LIST, {"periode": "30"}).context["page"]
    assert [r.pk for r in page.object_list] == [recent.pk]
    page = client.get(SENT_LIST, {"periode": "365"}).context["page"]
    assert {r.pk for r in page.object_list} == {old.pk, recent.pk}
    page = client.get(SENT_LIST, {"periode": "365", "etat": "withdrawn"}).context["page"]
    assert [r.pk for r in page.object_list] == [recent.pk]


def test_only_the_sending_organization_sees_its_list(client, team, prescriber):
    send(prescriber, person_of(prescriber), team.organization)
    elsewhere = prescriber_with_adviser("CCAS de Saumur")
    client.force_login(elsewhere.adviser)
    response = client.get(SENT_LIST)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    client.force_login(team.stranger)
    assert "Lefort" not in client.get(SENT_LIST).content.decode()


def test_an_employer_may_not_refer(client):
    company = OrganizationFactory(kind="COMPANY")
    employee = MembershipFactory(organization=company).user
    client.force_login(employee)
    assert client.get(SENT_LIST).status_code == 403


def test_the_sent_list_query_count_does_not_grow_with_the_rows(
    client, team, prescriber, django_assert_max_num_queries
):
    for index in range(30):
        referral = send(prescriber, person_of(prescriber, last_name=f"N{index}"), team.organization)
        if index % 2:
            services.referral_accept(referral=referral, user=team.colleague)
    client.force_login(prescriber.adviser)
    # One of them for the section « PASS IAE se terminant », whatever the rows.
    with django_assert_max_num_queries(10):
        response = client.get(SENT_LIST)
    assert len(response.context["page"].object_list) == 25
