"""Emails about referrals, sent by the task worker once the transaction commits (a
rolled-back change sends nothing)."""

from django.db import transaction

from referrals.enums import Notice
from referrals.tasks import send_ending_email, send_referral_email

NEW_REFERRAL = Notice.NEW
ANSWERED = Notice.ANSWERED
EXPIRED = Notice.EXPIRED


def reminder(days: int) -> str:
    return Notice(f"reminder_{days}")


def on_commit(referral, event: str) -> None:
    transaction.on_commit(
        lambda: send_referral_email.enqueue(referral_id=referral.pk, event=str(event))
    )


def on_commit_ending(notice) -> None:
    """The email telling a prescriber that a PASS IAE ends soon."""
    transaction.on_commit(lambda: send_ending_email.enqueue(notice_id=notice.pk))
