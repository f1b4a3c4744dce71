"""Barriers: those the scope's organizations noted and lifted, and the referrals to
partner services they sent for them."""

from django.db.models import Count, F, Func, IntegerField, Q

from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, BarrierTheme, PersonBarrier
from indicators.bounds import (
    MiddleLow,
    at_instants,
    computed_in_database,
    counts,
    middle,
    on_dates,
    spanning,
    suffixed,
)
from indicators.catalogue import Figure, Indicator, Section, Unit
from partner_services.models import ServiceReferral

B = Section.BARRIERS


def _themes() -> list[tuple[str, str]]:
    return list(BarrierTheme.objects.order_by("position", "code").values_list("code", "label"))


def indicators() -> list[Indicator]:
    themes = _themes()
    return [
        Indicator(
            "barriers.identified",
            B,
            "Freins identifiés",
            "Freins notés pendant la période.",
            Unit.COUNT,
        ),
        Indicator(
            "barriers.being_lifted",
            B,
            "Freins en cours de levée",
            "Freins notés au plus tard le dernier jour de la période et en cours de "
            "levée aujourd'hui.",
            Unit.COUNT,
        ),
        Indicator(
            "barriers.lifted",
            B,
            "Freins levés",
            "Freins levés pendant la période.",
            Unit.COUNT,
        ),
        Indicator(
            "barriers.median_days_to_lift",
            B,
            "Délai médian de levée",
            "Médiane, en jours, du délai entre l'identification et la levée des freins "
            "levés pendant la période.",
            Unit.DAYS,
        ),
        *[
            Indicator(
                f"barriers.identified.{code}",
                B,
                label,
                "Freins notés pendant la période, par thème.",
                Unit.COUNT,
                breakdown="Freins identifiés par thème",
            )
            for code, label in themes
        ],
        *[
            Indicator(
                f"barriers.lifted.{code}",
                B,
                label,
                "Freins levés pendant la période, par thème.",
                Unit.COUNT,
                breakdown="Freins levés par thème",
            )
            for code, label in themes
        ],
        Indicator(
            "barriers.service_referrals_sent",
            B,
            "Orientations vers un service partenaire",
            "Orientations vers un service partenaire créées pendant la période.",
            Unit.COUNT,
        ),
        Indicator(
            "barriers.service_referrals_done",
            B,
            "Orientations vers un service partenaire réalisées",
            "Orientations vers un service partenaire dont la prestation a été réalisée "
            "pendant la période.",
            Unit.COUNT,
        ),
    ]


class DaysFrom(Func):
    """PostgreSQL: the days between two dates (a date minus a date is a number of days)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()


def compute(scope, periods) -> list[dict[str, Figure]]:
    """The barriers noted and lifted for each period, by theme: one query counting them
    by item (summed into themes here), one for the median time to lift them (on
    PostgreSQL; elsewhere the dates of those lifted are read), one for the service
    referrals."""
    ids = scope.organization_ids
    span = spanning(periods)
    themes = [code for code, _ in _themes()]
    theme_of = dict(BarrierItem.objects.values_list("pk", "theme__code"))
    counted, middles = {}, {}
    delay = DaysFrom(F("lifted_on"), F("identified_on"))
    for index, period in enumerate(periods):
        lifted = on_dates("lifted_on", period)
        counted[suffixed("identified", index)] = Count(
            "pk", filter=on_dates("identified_on", period)
        )
        counted[suffixed("being_lifted", index)] = Count(
            "pk", filter=Q(status=BarrierStatus.BEING_LIFTED, identified_on__lte=period.end)
        )
        counted[suffixed("lifted", index)] = Count("pk", filter=lifted)
        middles[suffixed("low", index)] = MiddleLow(delay, filter=lifted)
        middles[suffixed("high", index)] = MiddleLow(delay, descending=True, filter=lifted)
    barriers = PersonBarrier.objects.filter(organization_id__in=ids).order_by()
    by_item = (
        barriers.filter(
            on_dates("identified_on", span)
            | on_dates("lifted_on", span)
            | Q(status=BarrierStatus.BEING_LIFTED, identified_on__lte=span.end)
        )
        .values("item_id")
        .annotate(**counted)
    )
    totals = dict.fromkeys(counted, 0)
    for row in by_item:
        theme = theme_of.get(row["item_id"])
        for name in counted:
            totals[name] += row[name]
            by_theme = f"{name}.{theme}"
            totals[by_theme] = totals.get(by_theme, 0) + row[name]
    lifted_in_span = barriers.filter(on_dates("lifted_on", span))
    if computed_in_database():
        found = lifted_in_span.aggregate(**middles)
        lows = [found[suffixed("low", i)] for i in range(len(periods))]
        highs = [found[suffixed("high", i)] for i in range(len(periods))]
    else:
        lows, highs = _middles(lifted_in_span, periods)
    service_referrals = ServiceReferral.objects.filter(from_organization_id__in=ids).order_by()
    services = service_referrals.filter(
        at_instants("created_at", span) | on_dates("done_on", span)
    ).aggregate(
        **{
            suffixed(name, index): Count("pk", filter=condition)
            for index, period in enumerate(periods)
            for name, condition in (
                ("sent", at_instants("created_at", period)),
                ("done", on_dates("done_on", period)),
            )
        }
    )
    results = []
    for index in range(len(periods)):
        n = counts(totals, index, ["identified", "being_lifted", "lifted"])
        figures = {f"barriers.{name}": Figure.count(value) for name, value in n.items()}
        figures["barriers.median_days_to_lift"] = Figure(
            middle(lows[index], highs[index], n["lifted"]), n["lifted"]
        )
        for code in themes:
            for name in ("identified", "lifted"):
                figures[f"barriers.{name}.{code}"] = Figure.count(
                    totals.get(f"{suffixed(name, index)}.{code}", 0)
                )
        figures["barriers.service_referrals_sent"] = Figure.count(services[suffixed("sent", index)])
        figures["barriers.service_referrals_done"] = Figure.count(services[suffixed("done", index)])
        results.append(figures)
    return results


def _middles(lifted, periods) -> tuple[list, list]:
    """SQLite: the two middle times to lift of each period, from the lifted barriers'
    dates."""
    rows = list(lifted.values_list("identified_on", "lifted_on"))
    lows, highs = [], []
    for period in periods:
        delays = sorted(
            (lifted_on - identified_on).days
            for identified_on, lifted_on in rows
            if period.start <= lifted_on <= period.end
        )
        count = len(delays)
        lows.append(delays[(count - 1) // 2] if delays else None)
        highs.append(delays[count // 2] if delays else None)
    return lows, highs
