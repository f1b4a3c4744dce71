"""The warning email, sent by the task worker once the transaction commits."""

from django.db import transaction

from retention.tasks import send_erasure_warning


def warn_on_commit(warning, *, deadline) -> None:
    transaction.on_commit(
        lambda: send_erasure_warning.enqueue(
            person_id=warning.person_id, deadline=deadline.date().isoformat()
        )
    )
