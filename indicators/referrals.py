"""Referrals: those the scope's organizations received and sent. `referral_figures` is
also what the inbox and « Mes orientations » show over their period."""

from django.db.models import Case, Count, F, FloatField, Func, Q, When

from indicators.bounds import (
    MiddleLow,
    at_instants,
    computed_in_database,
    counts,
    instants,
    median,
    middle,
    spanning,
    suffixed,
)
from indicators.catalogue import Figure, Indicator, Section, Unit
from referrals.enums import ReferralState as S
from referrals.enums import RefusalReason
from referrals.models import Referral
from referrals.state_machine import ANSWERED, AWAITING_ANSWER

R = Section.REFERRALS


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "referrals.received",
            R,
            "Orientations reçues",
            "Orientations adressées à l'organisation et envoyées pendant la période.",
            Unit.COUNT,
        ),
        Indicator(
            "referrals.sent",
            R,
            "Orientations envoyées",
            "Orientations que l'organisation a envoyées pendant la période.",
            Unit.COUNT,
        ),
        Indicator(
            "referrals.answered",
            R,
            "Orientations reçues ayant une réponse",
            "Parmi les orientations reçues de la période : acceptées, refusées ou réorientées.",
            Unit.COUNT,
        ),
        Indicator(
            "referrals.acceptance_rate",
            R,
            "Taux d'acceptation",
            "Orientations reçues acceptées, rapportées à celles qui ont eu une réponse.",
            Unit.RATE,
        ),
        Indicator(
            "referrals.median_days_to_answer",
            R,
            "Délai médian de réponse",
            "Médiane, en jours, du délai entre l'envoi et la réponse des orientations "
            "reçues de la période qui ont eu une réponse.",
            Unit.DAYS,
        ),
        Indicator(
            "referrals.unanswered",
            R,
            "Orientations reçues sans réponse",
            "Orientations reçues de la période encore en attente ou expirées sans réponse.",
            Unit.COUNT,
        ),
        *[
            Indicator(
                f"referrals.refused.{value}",
                R,
                label,
                "Orientations reçues de la période refusées, par motif.",
                Unit.COUNT,
                breakdown="Refus par motif",
            )
            for value, label in RefusalReason.choices
        ],
    ]


def referral_figures(referrals) -> dict:
    """Figures of a list of referrals (already scoped and limited to a period):

    - `count`: referrals sent;
    - `answered`, `accepted`: answered (accepted, refused or redirected), accepted;
    - `acceptance_rate`: accepted / answered (None when nothing was answered);
    - `median_days_to_answer`: median of sent → answered, in days (None without answers);
    - `unanswered_share`: share still waiting or expired without an answer.

    One query: on PostgreSQL an aggregate (the counts and the two middle delays); on
    SQLite each referral's state and delay in days, as a number, counted here. The inbox
    shows these beside its list: no date of a year of referrals is parsed in Python."""
    sent = referrals.exclude(sent_at__isnull=True).order_by()
    answered_q = Q(state__in=ANSWERED, answered_at__isnull=False)
    delay = DaysBetween(F("answered_at"), F("sent_at"))
    if computed_in_database():
        totals = sent.aggregate(
            count=Count("pk"),
            answered=Count("pk", filter=answered_q),
            accepted=Count("pk", filter=Q(state=S.ACCEPTED)),
            unanswered=Count("pk", filter=Q(state__in=(*AWAITING_ANSWER, S.EXPIRED))),
            low=MiddleLow(delay, filter=answered_q),
            high=MiddleLow(delay, descending=True, filter=answered_q),
        )
        count, answered, accepted = totals["count"], totals["answered"], totals["accepted"]
        unanswered = totals["unanswered"]
        days = middle(totals["low"], totals["high"], answered)
    else:
        # SQLite: each referral's state and delay (a number, NULL when unanswered), read
        # once; no date is parsed here.
        rows = list(
            sent.annotate(days=Case(When(answered_q, then=delay), default=None)).values_list(
                "state", "days"
            )
        )
        count = len(rows)
        delays = [days for _, days in rows if days is not None]
        answered = len(delays)
        accepted = sum(1 for state, _ in rows if state == S.ACCEPTED)
        unanswered = sum(1 for state, _ in rows if state in (*AWAITING_ANSWER, S.EXPIRED))
        days = median(delays)
    return {
        "count": count,
        "answered": answered,
        "accepted": accepted,
        "acceptance_rate": accepted / answered if answered else None,
        "median_days_to_answer": round(days, 1) if days is not None else None,
        "unanswered": unanswered,
        "unanswered_share": unanswered / count if count else None,
    }


class DaysBetween(Func):
    """The days from one instant to the next, as a fraction: seconds / 86400 on
    PostgreSQL, the difference of Julian days on SQLite."""

    template = "(EXTRACT(EPOCH FROM (%(expressions)s))::double precision / 86400)"
    arg_joiner = " - "
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="(JULIANDAY(%(expressions)s))",
            arg_joiner=") - JULIANDAY(",
            **extra_context,
        )


def compute(scope, periods) -> list[dict[str, Figure]]:
    """The referrals received and sent by the scope's organizations, for each period, in
    one query over the referrals sent during the periods (the medians too, on
    PostgreSQL; elsewhere the answered ones' two dates are read once more)."""
    ids = scope.organization_ids
    span = spanning(periods)
    received, sent = Q(to_organization_id__in=ids), Q(from_organization_id__in=ids)
    answered = received & Q(state__in=ANSWERED, answered_at__isnull=False)
    in_database = computed_in_database()
    delay = DaysBetween(F("answered_at"), F("sent_at"))
    counted = {}
    for index, period in enumerate(periods):
        within = at_instants("sent_at", period)
        conditions = {
            "received": received,
            "sent": sent,
            "answered": answered,
            "accepted": received & Q(state=S.ACCEPTED),
            "unanswered": received & Q(state__in=(*AWAITING_ANSWER, S.EXPIRED)),
        }
        for value in RefusalReason.values:
            conditions[f"refused.{value}"] = received & Q(state=S.REFUSED, refusal_reason=value)
        for name, condition in conditions.items():
            counted[suffixed(name, index)] = Count("pk", filter=within & condition)
        if in_database:
            counted[suffixed("low", index)] = MiddleLow(delay, filter=within & answered)
            counted[suffixed("high", index)] = MiddleLow(
                delay, descending=True, filter=within & answered
            )
    totals = (
        Referral.objects.filter(at_instants("sent_at", span))
        .filter(received | sent)
        .order_by()
        .aggregate(**counted)
    )
    if in_database:
        lows = [totals[suffixed("low", i)] for i in range(len(periods))]
        highs = [totals[suffixed("high", i)] for i in range(len(periods))]
    else:
        lows, highs = _middles(
            Referral.objects.filter(at_instants("sent_at", span)).filter(answered), periods
        )
    results = []
    for index in range(len(periods)):
        n = counts(totals, index, ["received", "sent", "answered", "accepted", "unanswered"])
        answers = n["answered"]
        days = middle(lows[index], highs[index], answers)
        figures = {
            "referrals.received": Figure.count(n["received"]),
            "referrals.sent": Figure.count(n["sent"]),
            "referrals.answered": Figure.count(answers),
            "referrals.acceptance_rate": Figure(
                n["accepted"] / answers if answers else None, answers
            ),
            "referrals.median_days_to_answer": Figure(
                round(days, 1) if days is not None else None, answers
            ),
            "referrals.unanswered": Figure.count(n["unanswered"]),
        }
        for value in RefusalReason.values:
            figures[f"referrals.refused.{value}"] = Figure.count(
                totals[suffixed(f"refused.{value}", index)]
            )
        results.append(figures)
    return results


def _middles(answered, periods) -> tuple[list, list]:
    """SQLite: the two middle delays of each period, from the answered referrals' dates."""
    lows, highs = [], []
    rows = list(answered.order_by().values_list("sent_at", "answered_at"))
    for period in periods:
        start, after = instants(period)
        delays = sorted(
            (at - sent).total_seconds() / 86400 for sent, at in rows if start <= sent < after
        )
        count = len(delays)
        lows.append(delays[(count - 1) // 2] if delays else None)
        highs.append(delays[count // 2] if delays else None)
    return lows, highs
