"""The follow-up's periodic job (`scheduling.registry`): the employer's link goes out when
its side falls due, and the referent is reminded once of each side a week overdue.
Idempotent: the task worker runs it every hour; a side's link is sent once by the job
(then again only on demand) and its reminder once (`CheckpointSide.reminded_at`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.context import SYSTEM
from employment import selectors, services
from employment.tasks import send_referent_notice


def follow_up_run(now=None) -> dict:
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"links": 0, "without_contact": 0, "reminded": 0}
    for side in selectors.employer_sides_due(today):
        if not selectors.employer_contact(side.checkpoint.contract):
            counts["without_contact"] += 1  # the referent's reminder says it is overdue
            continue
        try:
            services.employer_link_send(side=side, user=SYSTEM, now=now)
        except ValidationError:
            continue  # answered or ended since it was listed: nothing to send
        counts["links"] += 1
    with transaction.atomic():
        due = list(selectors.sides_to_remind(today).select_for_update(of=("self",)))
        for side in due:
            side.reminded_at = now
            side.save()
        ids = [side.pk for side in due]
        if ids:
            transaction.on_commit(
                lambda: send_referent_notice.enqueue(side_ids=ids, notice="overdue")
            )
    counts["reminded"] = len(ids)
    return counts
