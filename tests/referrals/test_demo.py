"""The demo's referrals read as they happened: each history starts with its draft, on
the day it was sent, never with a « Brouillon » dated the day the demo was loaded."""

from referrals.enums import ReferralState
from referrals.models import Referral
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401


def test_every_sent_demo_referral_starts_with_its_draft(demo_territory):  # noqa: F811
    sent = Referral.objects.filter(is_demo=True).exclude(state=ReferralState.DRAFT)
    assert sent.exists()
    for referral in sent:
        history = list(referral.transitions.order_by("at", "id").values_list("to_state", "at"))
        assert history[0][0] == ReferralState.DRAFT, (referral.pk, history)
        assert [state for state, _ in history].count(ReferralState.DRAFT) == 1
