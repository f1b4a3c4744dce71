"""The review's email, sent by the task worker once the closing commits (a rolled-back
closing sends nothing)."""

from django.db import transaction

from exits.tasks import send_exit_review


def on_commit(review) -> None:
    transaction.on_commit(lambda: send_exit_review.enqueue(review_id=review.pk))
