"""Emails about service referrals, sent by the task worker once the transaction commits
(a rolled-back change sends nothing)."""

from django.db import transaction

from partner_services.enums import Notice
from partner_services.tasks import send_service_referral_email


def on_commit(referral, event: Notice) -> None:
    pk = referral.pk
    transaction.on_commit(
        lambda: send_service_referral_email.enqueue(referral_id=pk, event=str(event))
    )
