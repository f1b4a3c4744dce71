from datetime import UTC, datetime, timedelta

import pytest

from indicators.selectors import referral_figures
from referrals.enums import ReferralState as S
from referrals.enums import RefusalReason
from referrals.models import Referral
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db

SENT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _referral(prescriber, team, index, state, answered_after_days=None):
    person = person_of(prescriber, first_name=f"P{index}", last_name="Test")
    referral = send(prescriber, person, team.organization)
    referral.sent_at = SENT
    referral.state = state
    if answered_after_days is not None:
        referral.answered_at = SENT + timedelta(days=answered_after_days)
    if state == S.REFUSED:
        referral.refusal_reason = RefusalReason.NO_POSITION
    referral.save()
    return referral


def test_it_computes_rate_median_and_unanswered_share_from_known_data(team):
    prescriber = prescriber_with_adviser()
    _referral(prescriber, team, 1, S.ACCEPTED, answered_after_days=1)
    _referral(prescriber, team, 2, S.ACCEPTED, answered_after_days=3)
    _referral(prescriber, team, 3, S.REFUSED, answered_after_days=10)
    _referral(prescriber, team, 4, S.REDIRECTED, answered_after_days=2)
    _referral(prescriber, team, 5, S.SENT)
    _referral(prescriber, team, 6, S.EXPIRED)
    _referral(prescriber, team, 7, S.WITHDRAWN)
    _referral(prescriber, team, 8, S.SEEN)

    figures = referral_figures(Referral.objects.all())

    assert figures["count"] == 8
    assert figures["answered"] == 4 and figures["accepted"] == 2
    assert figures["acceptance_rate"] == 0.5
    assert figures["median_days_to_answer"] == 2.5  # median of 1, 2, 3, 10
    assert figures["unanswered"] == 3  # sent, seen, expired (not the withdrawn one)
    assert figures["unanswered_share"] == 3 / 8


def test_it_gives_no_rate_when_nothing_was_answered(team):
    prescriber = prescriber_with_adviser()
    _referral(prescriber, team, 1, S.SENT)
    figures = referral_figures(Referral.objects.all())
    assert figures["acceptance_rate"] is None
    assert figures["median_days_to_answer"] is None
    assert figures["unanswered_share"] == 1


def test_it_counts_nothing_on_an_empty_list(db):
    figures = referral_figures(Referral.objects.none())
    assert figures == {
        "count": 0,
        "answered": 0,
        "accepted": 0,
        "acceptance_rate": None,
        "median_days_to_answer": None,
        "unanswered": 0,
        "unanswered_share": None,
    }
