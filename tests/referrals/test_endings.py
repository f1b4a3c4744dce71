"""A prescriber is told when the PASS IAE of a person it referred comes within 90, then
30 days of its end: in « Mes orientations » and by one email per threshold, sent by the
periodic job. Time is moved by the job's `now`, never waited for."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from pathways.services import pass_change_add, pass_set
from referrals import services
from referrals.endings import endings_for
from referrals.models import EndingNotice
from scheduling.registry import PERIODIC
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db

PASS_DAYS = 730


@pytest.fixture
def prescriber():
    return prescriber_with_adviser()


@pytest.fixture
def running_pass(team, prescriber):
    """A person referred by the prescriber, accepted by the team's ACI, whose PASS IAE
    started today: it ends in two years less a day."""
    referral = send(prescriber, person_of(prescriber), team.organization)
    referral = services.referral_accept(referral=referral, user=team.colleague)
    pathway = pass_set(
        pathway=referral.pathway,
        number="999990000001",
        start=timezone.localdate(),
        actor=team.colleague,
    )
    return pathway


def _days_before_end(pathway, days: int):
    """The moment `days` days before the PASS ends, at noon."""
    day = pathway.pass_end - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(12)))


def _run(now, django_capture_on_commit_callbacks):
    job = import_string(PERIODIC["referrals.endings"][0])
    with django_capture_on_commit_callbacks(execute=True):
        return job(now=now)


def test_the_adviser_is_told_once_at_90_then_once_at_30_days(
    running_pass, prescriber, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    for days_before, told in ((120, 0), (90, 1), (80, 0), (31, 0), (30, 1), (10, 0), (0, 0)):
        summary = _run(
            _days_before_end(running_pass, days_before), django_capture_on_commit_callbacks
        )
        assert summary == {"notified": told}, days_before
    assert [m.to for m in mail.outbox] == [[prescriber.adviser.email]] * 2
    first, second = mail.outbox
    assert first.subject == f"PASS IAE de Sandrine Lefort : fin le {running_pass.pass_end:%d/%m/%Y}"
    assert "dans 90 jours" in first.body and "dans 30 jours" in second.body
    assert "/orientations/envoyees/#pass-se-terminant" in first.body
    notices = EndingNotice.objects.order_by("sent_at")
    assert [n.threshold_days for n in notices] == [90, 30]
    assert {n.organization for n in notices} == {prescriber.organization}


def test_a_job_that_slept_sends_only_the_nearest_notice(
    running_pass, django_capture_on_commit_callbacks
):
    assert _run(_days_before_end(running_pass, 20), django_capture_on_commit_callbacks) == {
        "notified": 1
    }
    assert list(EndingNotice.objects.values_list("threshold_days", flat=True)) == [30]


def test_an_extended_pass_is_told_again_for_its_new_end(
    team, running_pass, django_capture_on_commit_callbacks
):
    _run(_days_before_end(running_pass, 30), django_capture_on_commit_callbacks)
    start = running_pass.pass_end - timedelta(days=60)
    pass_change_add(
        pathway=running_pass,
        kind="extension",
        start=start,
        end=start + timedelta(days=99),
        reason="Formation qualifiante en cours",
        user=team.colleague,
    )
    running_pass.refresh_from_db()
    assert _run(_days_before_end(running_pass, 90), django_capture_on_commit_callbacks) == {
        "notified": 1
    }


def test_a_closed_pathway_or_one_without_prescriber_tells_nobody(
    team, running_pass, django_capture_on_commit_callbacks
):
    running_pass.prescriber_organization = None
    running_pass.save()
    assert _run(_days_before_end(running_pass, 30), django_capture_on_commit_callbacks) == {
        "notified": 0
    }
    assert mail.outbox == []


def test_the_sent_list_shows_the_passes_ending_within_90_days(client, running_pass, prescriber):
    # The PASS started long enough ago to end in 80 days.
    start = timezone.localdate() - timedelta(days=PASS_DAYS - 81)
    running_pass.pass_start = start
    running_pass.pass_end = start + timedelta(days=PASS_DAYS - 1)
    running_pass.save()
    [ending] = endings_for(prescriber.organization)
    assert ending.days_left == 80 and ending.threshold == 90 and not ending.is_near
    client.force_login(prescriber.adviser)
    body = client.get(reverse("referral_sent_list")).content.decode()
    assert "PASS IAE se terminant" in body
    assert f"{running_pass.pass_end:%d/%m/%Y}" in body
    assert "dans 80 jours" in body
    assert "999990000001" not in body  # the PASS number is the team's


def test_another_prescriber_sees_no_pass_of_people_it_did_not_refer(client, running_pass):
    other = prescriber_with_adviser("Mission locale d'ailleurs")
    start = timezone.localdate() - timedelta(days=PASS_DAYS - 11)
    running_pass.pass_start, running_pass.pass_end = start, start + timedelta(days=PASS_DAYS - 1)
    running_pass.save()
    assert endings_for(other.organization) == []
    client.force_login(other.adviser)
    body = client.get(reverse("referral_sent_list")).content.decode()
    assert "PASS IAE se terminant" not in body and "LEFORT" not in body
