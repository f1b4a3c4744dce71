"""Outcomes: exits by category, the IAE's dynamic exit rate, retention in the job and
the situation six months after the exit."""

from datetime import timedelta

from django.db.models import Count, DateField, F, Func, Q

from employment.selectors import RETENTION_MONTHS, Retained, retention_at
from exits.enums import Situation
from exits.models import PostExitCheck
from indicators.bounds import on_dates, spanning, suffixed
from indicators.catalogue import Figure, Indicator, Section, Unit
from indicators.people import pathways_of
from lib.calendar_months import add_months
from pathways.enums import ExitCategory

OUT = Section.OUTCOMES
IN_EMPLOYMENT = (Situation.SAME_EMPLOYER, Situation.OTHER_EMPLOYER)


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "exits.total",
            OUT,
            "Sorties",
            "Parcours clos pendant la période.",
            Unit.COUNT,
        ),
        *[
            Indicator(
                f"exits.{value}",
                OUT,
                label,
                "Parcours clos pendant la période, par catégorie de sortie.",
                Unit.COUNT,
                breakdown="Sorties par catégorie",
            )
            for value, label in ExitCategory.choices
        ],
        Indicator(
            "exits.dynamic_rate",
            OUT,
            "Taux de sorties dynamiques",
            "Sorties en emploi durable, en emploi de transition et positives, rapportées "
            "aux sorties comptabilisées (hors déménagement, santé, retraite, incarcération).",
            Unit.RATE,
        ),
        *[
            Indicator(
                f"retention.month_{months}",
                OUT,
                f"Maintien dans l'emploi à {months} mois",
                f"Contrats dont le {months}e mois s'achève pendant la période : part de "
                "ceux toujours en cours à cette date (les contrats encore trop récents ne "
                "comptent pas).",
                Unit.RATE,
                breakdown="Maintien dans l'emploi",
            )
            for months in RETENTION_MONTHS
        ],
        Indicator(
            "post_exit.checks",
            OUT,
            "Situations à 6 mois recueillies",
            "Situations après la sortie recueillies pendant la période.",
            Unit.COUNT,
        ),
        Indicator(
            "post_exit.in_employment_rate",
            OUT,
            "En emploi 6 mois après la sortie",
            "Part des situations recueillies pendant la période où la personne est en "
            "emploi (chez le même employeur ou un autre).",
            Unit.RATE,
        ),
        *[
            Indicator(
                f"post_exit.{value}",
                OUT,
                label,
                "Situations après la sortie recueillies pendant la période.",
                Unit.COUNT,
                breakdown="Situation 6 mois après la sortie",
            )
            for value, label in Situation.choices
        ],
    ]


class MilestoneDay(Func):
    """PostgreSQL: the last day of a contract's `months`-th month, as `add_months` counts
    it (31 January + 1 month is the last day of February: PostgreSQL clamps alike)."""

    template = "((%(expressions)s + make_interval(months => %(months)s))::date - 1)"
    output_field = DateField()


def _retention_conditions(months, period, today):
    """(kept, lost) of the contracts whose `months`-th month ends within `period`, as
    `retention_at` decides, for the database to count."""
    milestone = f"milestone_{months}"
    # The job's last day, when it is known: the day it ended, or its planned end once
    # passed without a renewal.
    known = Q(ended_on__isnull=False) | Q(end_date__lt=today)
    ended_by = Q(ended_on__gte=F(milestone)) | Q(ended_on__isnull=True, end_date__gte=F(milestone))
    ended_before = Q(ended_on__lt=F(milestone)) | Q(
        ended_on__isnull=True, end_date__lt=F(milestone)
    )
    within = Q(**{f"{milestone}__gte": period.start, f"{milestone}__lte": period.end})
    kept = within & ((known & ended_by) | (~known & Q(**{f"{milestone}__lte": today})))
    lost = within & known & ended_before
    return kept, lost


def _window(periods):
    """The contracts whose milestones may end within the periods: started between the
    longest milestone before the first period and the end of the last."""
    span = spanning(periods)
    longest = max(RETENTION_MONTHS)
    return Q(
        start_date__gte=add_months(span.start, -longest) - timedelta(days=1),
        start_date__lte=span.end,
    )


def retention_in_database(periods, today) -> tuple[dict, dict]:
    """PostgreSQL: (aliases, aggregates) counting, over contracts, those kept and lost at
    each milestone of each period (`kept_<months>__<index>`, `lost_…`), as
    `retention_at` decides: for `retention_figures`."""
    aliases = {f"milestone_{m}": MilestoneDay(F("start_date"), months=m) for m in RETENTION_MONTHS}
    counted = {}
    for index, period in enumerate(periods):
        for months in RETENTION_MONTHS:
            kept, lost = _retention_conditions(months, period, today)
            counted[suffixed(f"kept_{months}", index)] = Count("pk", filter=kept)
            counted[suffixed(f"lost_{months}", index)] = Count("pk", filter=lost)
    return aliases, counted


def retention_in_python(contracts, periods, today) -> dict[str, int]:
    """Elsewhere (SQLite): the same counts, from the start and end dates of the
    contracts whose milestones may fall within the periods, each decided by
    `retention_at`."""
    rows = list(
        contracts.filter(_window(periods)).values_list("start_date", "ended_on", "end_date")
    )
    totals = {}
    for index, period in enumerate(periods):
        for months in RETENTION_MONTHS:
            kept = lost = 0
            for start, ended_on, planned_end in rows:
                milestone = add_months(start, months) - timedelta(days=1)
                if not period.start <= milestone <= period.end:
                    continue
                value = retention_at(
                    start=start,
                    months=months,
                    ended_on=ended_on,
                    planned_end=planned_end,
                    today=today,
                )
                kept += value == Retained.YES
                lost += value == Retained.NO
            totals[suffixed(f"kept_{months}", index)] = kept
            totals[suffixed(f"lost_{months}", index)] = lost
    return totals


def retention_figures(totals: dict, index: int) -> dict[str, Figure]:
    """Retention at 1, 3 and 6 months of the period `index`: the share kept of those
    whose answer is known."""
    figures = {}
    for months in RETENTION_MONTHS:
        kept = totals[suffixed(f"kept_{months}", index)]
        lost = totals[suffixed(f"lost_{months}", index)]
        figures[f"retention.month_{months}"] = Figure.share(kept, kept + lost)
    return figures


def compute(scope, periods, today) -> list[dict[str, Figure]]:
    """Post-exit situations for each period, in one query (by situation). The exits are counted with
    the people section (`indicators.people`), from the same rows; retention with the
    contracts (`indicators.funnel`)."""
    span = spanning(periods)
    checks = PostExitCheck.objects.filter(pathway__in=pathways_of(scope)).filter(
        on_dates("done_on", span)
    )
    by_situation = (
        checks.order_by()
        .values("situation")
        .annotate(
            **{
                suffixed("done", index): Count("pk", filter=on_dates("done_on", period))
                for index, period in enumerate(periods)
            }
        )
    )
    totals = {}
    for row in by_situation:
        for index in range(len(periods)):
            done = suffixed("done", index)
            totals[done] = totals.get(done, 0) + row[done]
            totals[suffixed(row["situation"], index)] = row[done]
    results = []
    for index in range(len(periods)):
        done = totals.get(suffixed("done", index), 0)
        situations = {value: totals.get(suffixed(value, index), 0) for value in Situation.values}
        figures = {"post_exit.checks": Figure.count(done)}
        figures["post_exit.in_employment_rate"] = Figure.share(
            sum(situations[value] for value in IN_EMPLOYMENT), done
        )
        for value in Situation.values:
            figures[f"post_exit.{value}"] = Figure.count(situations[value])
        results.append(figures)
    return results
