"""The end of the pathways a prescriber referred: when a PASS IAE (the end of an IAE
pathway) comes within 90, then 30 days, the prescriber is shown it in « Mes
orientations » and told by email, so the next step is prepared together with the
structure (seed 001, « anticiper les fins de parcours »).

The PASS end date is a milestone: the prescriber, who sees the milestones, reads it
(never the PASS number nor anything of the accompaniment)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from pathways.enums import PathwayKind
from pathways.models import Pathway
from referrals.models import EndingNotice
from referrals.notifications import on_commit_ending

# The notices, furthest first: each is sent once per PASS end date.
THRESHOLDS = (90, 30)


@dataclass(frozen=True)
class Ending:
    pathway: Pathway
    ends_on: date
    days_left: int

    @property
    def threshold(self) -> int:
        """The nearest threshold the end is within (30 once it is, 90 before)."""
        return min(t for t in THRESHOLDS if self.days_left <= t)

    @property
    def is_near(self) -> bool:
        return self.days_left <= min(THRESHOLDS)


def _prescribed_passes_ending(today: date):
    """Open IAE pathways of active people whose PASS ends within the widest threshold,
    with a prescriber to tell."""
    return (
        Pathway.objects.open()
        .filter(
            kind=PathwayKind.IAE,
            prescriber_organization__isnull=False,
            pass_end__gte=today,
            pass_end__lte=today + timedelta(days=max(THRESHOLDS)),
            person__merged_into__isnull=True,
            person__anonymised_at__isnull=True,
        )
        .select_related("person", "organization", "prescriber_organization")
        .order_by("pass_end", "id")
    )


def endings_for(organization, *, today: date | None = None) -> list[Ending]:
    """The PASS IAE ending within 90 days of the people `organization` referred: the
    section « PASS IAE se terminant » of its « Mes orientations »."""
    today = today or timezone.localdate()
    if organization is None:
        return []
    pathways = _prescribed_passes_ending(today).filter(prescriber_organization=organization)
    return [Ending(p, p.pass_end, (p.pass_end - today).days) for p in pathways]


def endings_notify(now=None) -> dict:
    """Tell each prescriber, once per threshold, of the PASS IAE ending among the people
    it referred. Idempotent (a row per notice, unique): run it as often as you like (the
    task worker runs it every six hours)."""
    today = timezone.localdate(now) if now else timezone.localdate()
    sent = 0
    for pathway in _prescribed_passes_ending(today):
        ending = Ending(pathway, pathway.pass_end, (pathway.pass_end - today).days)
        try:
            with transaction.atomic():
                notice, created = EndingNotice.objects.get_or_create(
                    pathway=pathway,
                    organization=pathway.prescriber_organization,
                    threshold_days=ending.threshold,
                    ends_on=ending.ends_on,
                    defaults={"sent_at": now or timezone.now()},
                )
                if created:
                    on_commit_ending(notice)
        except IntegrityError:  # another worker recorded it at the same moment
            continue
        sent += created
    return {"notified": sent}
