"""The reference the figures are checked against: every indicator asked on its own, one
query (or two, for a rate) per figure and per period, as a loop over the catalogue
would. Never used by a page: `indicators.selectors.indicator_table` computes the same
figures with one query per table over both periods at once. The tests compare the two
on generated data, the benchmark puts one beside the other.

Each function reads the definition of its indicator as plainly as it can: the code
here is meant to be obviously right, not fast."""

from datetime import timedelta

from django.db.models import Q

from barriers.enums import BarrierStatus
from barriers.models import BarrierTheme, PersonBarrier
from companies.models import ClubMembership, ContactLogEntry
from employment.selectors import RETENTION_MONTHS, Retained, retention_at
from exits.enums import Situation
from exits.models import PostExitCheck
from immersions.enums import Outcome
from immersions.models import Immersion
from indicators.bounds import at_instants, median, on_dates
from indicators.catalogue import NO_DATA, Figure
from indicators.funnel import contracts_of
from indicators.outcomes import IN_EMPLOYMENT
from indicators.people import DYNAMIC, pathways_of
from lib.calendar_months import add_months
from offers.enums import IntroductionState, OfferState
from offers.models import Introduction, IntroductionTransition, JobOffer, OfferTransition
from partner_services.models import ServiceReferral
from pathways.enums import EntryChannel, ExitCategory, PathwayKind, PathwayState
from persons.enums import ContractType
from referrals.enums import ReferralState, RefusalReason
from referrals.models import Referral
from referrals.state_machine import ANSWERED, AWAITING_ANSWER


def naive_figures(scope, period, today) -> dict[str, object]:
    """{code: Figure} of every indicator of `scope` over `period`, one figure at a time."""
    figures = {}
    figures.update(_people(scope, period))
    figures.update(_referrals(scope, period))
    figures.update(_barriers(scope, period))
    figures.update(_employers(scope, period))
    figures.update(_funnel(scope, period))
    figures.update(_outcomes(scope, period, today))
    return figures


def _people(scope, period):
    pathways = pathways_of(scope)
    overlaps = Q(started_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )
    new = on_dates("started_on", period)
    open_at_end = Q(started_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)
    )

    def people(condition):
        return Figure.count(pathways.filter(condition).values("person_id").distinct().count())

    figures = {
        "people.accompanied": people(overlaps),
        "people.new": people(new),
        "people.active": people(open_at_end),
    }
    for value in EntryChannel.values:
        figures[f"people.channel.{value}"] = people(new & Q(entry_channel=value))
    for value in PathwayKind.values:
        figures[f"people.kind.{value}"] = people(overlaps & Q(kind=value))
    for value in PathwayState.values:
        figures[f"people.state.{value}"] = Figure.count(
            pathways.filter(overlaps & Q(state=value)).count()
        )
    for days in (30, 90):
        figures[f"people.pass_ending_{days}"] = people(
            open_at_end
            & Q(kind=PathwayKind.IAE)
            & Q(pass_end__gt=period.end, pass_end__lte=period.end + timedelta(days=days))
        )
    return figures


def _referrals(scope, period):
    ids = scope.organization_ids
    received = Referral.objects.filter(at_instants("sent_at", period), to_organization_id__in=ids)
    answered_q = Q(state__in=ANSWERED, answered_at__isnull=False)
    answered = received.filter(answered_q).count()
    accepted = received.filter(state=ReferralState.ACCEPTED).count()
    delays = [
        (at - sent).total_seconds() / 86400
        for sent, at in received.filter(answered_q).values_list("sent_at", "answered_at")
    ]
    middle = median(delays)
    figures = {
        "referrals.received": Figure.count(received.count()),
        "referrals.sent": Figure.count(
            Referral.objects.filter(
                at_instants("sent_at", period), from_organization_id__in=ids
            ).count()
        ),
        "referrals.answered": Figure.count(answered),
        "referrals.acceptance_rate": Figure(accepted / answered if answered else None, answered),
        "referrals.median_days_to_answer": Figure(
            round(middle, 1) if middle is not None else None, answered
        ),
        "referrals.unanswered": Figure.count(
            received.filter(state__in=(*AWAITING_ANSWER, ReferralState.EXPIRED)).count()
        ),
    }
    for value in RefusalReason.values:
        figures[f"referrals.refused.{value}"] = Figure.count(
            received.filter(state=ReferralState.REFUSED, refusal_reason=value).count()
        )
    return figures


def _barriers(scope, period):
    ids = scope.organization_ids
    barriers = PersonBarrier.objects.filter(organization_id__in=ids)
    identified = on_dates("identified_on", period)
    lifted = on_dates("lifted_on", period)
    delays = [
        (lifted_on - identified_on).days
        for identified_on, lifted_on in barriers.filter(lifted).values_list(
            "identified_on", "lifted_on"
        )
    ]
    figures = {
        "barriers.identified": Figure.count(barriers.filter(identified).count()),
        "barriers.being_lifted": Figure.count(
            barriers.filter(
                status=BarrierStatus.BEING_LIFTED, identified_on__lte=period.end
            ).count()
        ),
        "barriers.lifted": Figure.count(barriers.filter(lifted).count()),
        "barriers.median_days_to_lift": Figure(median(delays), len(delays)),
    }
    for code in BarrierTheme.objects.values_list("code", flat=True):
        for name, condition in (("identified", identified), ("lifted", lifted)):
            figures[f"barriers.{name}.{code}"] = Figure.count(
                barriers.filter(condition, item__theme__code=code).count()
            )
    service_referrals = ServiceReferral.objects.filter(from_organization_id__in=ids)
    figures["barriers.service_referrals_sent"] = Figure.count(
        service_referrals.filter(at_instants("created_at", period)).count()
    )
    figures["barriers.service_referrals_done"] = Figure.count(
        service_referrals.filter(on_dates("done_on", period)).count()
    )
    return figures


def _employers(scope, period):
    ids = scope.organization_ids
    contacts = ContactLogEntry.objects.filter(
        on_dates("occurred_on", period), organization_id__in=ids
    )
    offers = JobOffer.objects.filter(
        Q(organization_id__in=ids) | Q(written_by_organization_id__in=ids)
    )
    moves = OfferTransition.objects.filter(at_instants("at", period), offer__in=offers)
    immersions = Immersion.objects.filter(on_dates("start_on", period), organization_id__in=ids)
    return {
        "employers.companies_contacted": Figure(contacts.values("company_id").distinct().count()),
        "employers.contacts": Figure(contacts.count()),
        "employers.club_size": Figure(
            ClubMembership.objects.filter(organization_id__in=ids, since__lte=period.end)
            .values("company_id")
            .distinct()
            .count()
        ),
        "offers.published": Figure(offers.filter(at_instants("published_at", period)).count()),
        "offers.filled": Figure(
            moves.filter(to_state=OfferState.FILLED).values("offer_id").distinct().count()
        ),
        "offers.paused": Figure(
            moves.filter(to_state=OfferState.PAUSED).values("offer_id").distinct().count()
        ),
        "immersions.started": Figure.count(immersions.count()),
        "immersions.hired": Figure.count(immersions.filter(outcome=Outcome.HIRED).count()),
    }


def _funnel(scope, period):
    introductions = Introduction.objects.filter(introduced_by_id__in=scope.organization_ids)
    moves = IntroductionTransition.objects.filter(
        at_instants("at", period), introduction__in=introductions
    )

    def moved_to(state):
        return Figure.count(
            moves.filter(to_state=state).values("introduction_id").distinct().count()
        )

    figures = {
        "funnel.introductions": Figure.count(
            introductions.filter(at_instants("sent_at", period)).count()
        ),
        "funnel.interviews": moved_to(IntroductionState.INTERVIEW),
        "funnel.hires": moved_to(IntroductionState.HIRED),
    }
    contracts = contracts_of(scope)
    recorded = contracts.exists()
    starting = contracts.filter(on_dates("start_date", period))
    figures["placements.total"] = Figure.count(starting.count()) if recorded else NO_DATA
    for value in ContractType.values:
        figures[f"placements.{value}"] = (
            Figure.count(starting.filter(contract_type=value).count()) if recorded else NO_DATA
        )
    return figures


def _outcomes(scope, period, today):
    closed = pathways_of(scope).filter(on_dates("closed_on", period))
    total = closed.count()
    figures = {"exits.total": Figure.count(total)}
    for value in ExitCategory.values:
        figures[f"exits.{value}"] = Figure.count(closed.filter(exit_category=value).count())
    counted = closed.exclude(exit_category__in=(ExitCategory.EXCLUDED, "")).count()
    dynamic = closed.filter(exit_category__in=DYNAMIC).count()
    figures["exits.dynamic_rate"] = Figure.share(dynamic, counted)
    contracts = contracts_of(scope)
    recorded = contracts.exists()
    for months in RETENTION_MONTHS:
        if not recorded:
            figures[f"retention.month_{months}"] = NO_DATA
            continue
        kept = lost = 0
        for start, ended_on, planned_end in contracts.values_list(
            "start_date", "ended_on", "end_date"
        ):
            if not period.start <= add_months(start, months) - timedelta(days=1) <= period.end:
                continue
            value = retention_at(
                start=start, months=months, ended_on=ended_on, planned_end=planned_end, today=today
            )
            kept += value == Retained.YES
            lost += value == Retained.NO
        figures[f"retention.month_{months}"] = Figure.share(kept, kept + lost)
    checks = PostExitCheck.objects.filter(
        on_dates("done_on", period), pathway__in=pathways_of(scope)
    )
    done = checks.count()
    figures["post_exit.checks"] = Figure.count(done)
    figures["post_exit.in_employment_rate"] = Figure.share(
        checks.filter(situation__in=IN_EMPLOYMENT).count(), done
    )
    for value in Situation.values:
        figures[f"post_exit.{value}"] = Figure.count(checks.filter(situation=value).count())
    return figures


def naive_table(scope, period, *, today=None) -> list:
    """`indicator_table`'s rows, from `naive_figures`."""
    from django.utils import timezone

    from indicators.selectors import rows_of

    today = today or timezone.localdate()
    return rows_of(
        scope,
        naive_figures(scope, period, today),
        naive_figures(scope, period.previous(), today),
    )
