from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals import services
from referrals.enums import ReferralState as S
from referrals.enums import RefusalReason
from referrals.models import Referral
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db

INBOX = "/orientations/recues/"


@pytest.fixture
def prescriber():
    return prescriber_with_adviser()


def _aged(referral, days):
    referral.sent_at = timezone.now() - timedelta(days=days)
    referral.save()
    return referral


def test_it_lists_what_the_structure_received_pending_first_with_their_age(
    client, team, prescriber
):
    old = _aged(send(prescriber, person_of(prescriber, last_name="Vieille"), team.organization), 22)
    week = _aged(send(prescriber, person_of(prescriber, last_name="Semaine"), team.organization), 8)
    fresh = send(prescriber, person_of(prescriber, last_name="Nouvelle"), team.organization)
    answered = send(prescriber, person_of(prescriber, last_name="Traitee"), team.organization)
    services.referral_refuse(
        referral=answered, user=team.colleague, reason=RefusalReason.NO_POSITION
    )
    client.force_login(team.colleague)
    assert reverse("referral_inbox") == INBOX
    response = client.get(INBOX)
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert rows == [old, week, fresh, Referral.objects.get(pk=answered.pk)]
    body = response.content.decode()
    assert 'fr-badge--error fr-badge--no-icon">22 j' in body
    assert 'fr-badge--warning fr-badge--no-icon">8 j' in body
    assert "Sélectionner l'orientation de Sandrine Nouvelle" in body
    assert "Pas de poste disponible actuellement" in body


def test_it_filters_by_state_prescriber_and_age_and_sorts_by_name(client, team, prescriber):
    other = prescriber_with_adviser("Mission locale du Saumurois")
    a = _aged(send(prescriber, person_of(prescriber, last_name="Zola"), team.organization), 10)
    b = send(other, person_of(other, last_name="Abel"), team.organization)
    services.referral_mark_seen(referral=b, user=team.colleague)
    client.force_login(team.colleague)

    page = client.get(INBOX, {"etat": "seen"}).context["page"]
    assert [r.pk for r in page.object_list] == [b.pk]
    page = client.get(INBOX, {"prescripteur": prescriber.organization.pk}).context["page"]
    assert [r.pk for r in page.object_list] == [a.pk]
    page = client.get(INBOX, {"anciennete": "7"}).context["page"]
    assert [r.pk for r in page.object_list] == [a.pk]
    page = client.get(INBOX, {"tri": "nom"}).context["page"]
    assert [r.pk for r in page.object_list] == [b.pk, a.pk]


def test_it_shows_the_figures_of_the_period(client, team, prescriber):
    referral = send(prescriber, person_of(prescriber), team.organization)
    services.referral_accept(referral=referral, user=team.colleague)
    send(prescriber, person_of(prescriber, last_name="Autre"), team.organization)
    client.force_login(team.colleague)
    response = client.get(INBOX, {"periode": "30"})
    figures = response.context["figures"]
    assert (figures["count"], figures["accepted"], figures["answered"]) == (2, 1, 1)
    body = response.content.decode()
    assert "100 %" in body and "50 %" in body


def test_it_refuses_a_reversed_period_and_keeps_what_was_typed(client, team):
    client.force_login(team.colleague)
    response = client.get(INBOX, {"periode": "dates", "du": "2025-05-01", "au": "2025-04-01"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "La date de début est après la date de fin." in body
    assert 'value="2025-05-01"' in body


def test_the_prescriber_has_no_inbox_and_the_stranger_sees_none_of_the_team(
    client, team, prescriber
):
    send(prescriber, person_of(prescriber), team.organization)
    client.force_login(prescriber.adviser)
    assert client.get(INBOX).status_code == 403
    client.force_login(team.stranger)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "Lefort" not in response.content.decode()


def test_the_inbox_query_count_does_not_grow_with_the_rows(
    client, team, prescriber, django_assert_max_num_queries
):
    for index in range(30):
        send(prescriber, person_of(prescriber, last_name=f"Nom{index}"), team.organization)
    client.force_login(team.colleague)
    with django_assert_max_num_queries(10):
        response = client.get(INBOX)
    assert len(response.context["page"].object_list) == 25


def test_it_marks_several_referrals_seen_at_once(client, team, prescriber):
    first = send(prescriber, person_of(prescriber, last_name="Un"), team.organization)
    second = send(prescriber, person_of(prescriber, last_name="Deux"), team.organization)
    client.force_login(team.colleague)
    response = client.post(
        reverse("referral_inbox_bulk"),
        {"referrals": [first.pk, second.pk], "action": "vue", "retour": "tri=nom"},
    )
    assert response.status_code == 302 and response["Location"] == INBOX + "?tri=nom"
    assert set(Referral.objects.values_list("state", flat=True)) == {S.SEEN}


def test_it_refuses_several_with_one_reason(client, team, prescriber):
    chosen = [
        send(prescriber, person_of(prescriber, last_name=name), team.organization)
        for name in ("Un", "Deux")
    ]
    client.force_login(team.colleague)
    response = client.post(
        reverse("referral_inbox_bulk"),
        {"referrals": [r.pk for r in chosen], "action": "refus", "reason": "schedule"},
    )
    assert response.status_code == 302
    for referral in chosen:
        referral.refresh_from_db()
        assert (referral.state, referral.refusal_reason) == (S.REFUSED, RefusalReason.SCHEDULE)


def test_a_bulk_refusal_without_reason_changes_nothing_and_keeps_the_ticks(
    client, team, prescriber
):
    referral = send(prescriber, person_of(prescriber), team.organization)
    client.force_login(team.colleague)
    response = client.post(
        reverse("referral_inbox_bulk"), {"referrals": [referral.pk], "action": "refus"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choisissez le motif du refus." in body
    assert f'value="{referral.pk}" checked' in body
    referral.refresh_from_db()
    assert referral.state == S.SENT


def test_a_bulk_action_cannot_reach_another_structures_referral(client, team, prescriber):
    elsewhere = send(prescriber, person_of(prescriber), team.other)
    client.force_login(team.colleague)
    response = client.post(
        reverse("referral_inbox_bulk"),
        {"referrals": [elsewhere.pk], "action": "refus", "reason": "schedule"},
    )
    assert response.status_code == 400
    elsewhere.refresh_from_db()
    assert elsewhere.state == S.SENT
