"""Reads of the visits counted without a record: figures per organization and period,
for the drop-in page now and the indicators later. One GROUP BY on the (organization,
visited_on, reason) index, whatever the number of visits."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from visits.enums import VisitReason
from visits.models import Visit


@dataclass
class VisitCount:
    total: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[tuple[str, int]]:
        """(reason label, count), in the order of the list, for the reasons counted."""
        return [
            (label, self.by_reason[value])
            for value, label in VisitReason.choices
            if self.by_reason.get(value)
        ]


def visit_counts(*, organizations, start: date, end: date) -> dict[int, VisitCount]:
    """The visits of each of `organizations` (ids or objects) from `start` to `end`
    included, by reason. Every organization asked for is in the answer, at 0 if none."""
    ids = [getattr(o, "pk", o) for o in organizations]
    counts = {pk: VisitCount() for pk in ids}
    rows = (
        Visit.objects.filter(organization_id__in=ids, visited_on__range=(start, end))
        .values("organization_id", "reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        count = counts[row["organization_id"]]
        count.by_reason[row["reason"]] = row["n"]
        count.total += row["n"]
    return counts


def last_place(organization, user) -> str:
    """Where the user last counted a visit for the organization: the same desk, most
    days, so the form offers it again."""
    return (
        Visit.objects.filter(organization=organization, recorded_by=user)
        .order_by("-recorded_at", "-id")
        .values_list("place", flat=True)
        .first()
        or ""
    )
