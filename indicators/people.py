"""People accompanied: the pathways the scope's organizations hold (and, read from the
same rows, the exits of the outcomes section)."""

from datetime import timedelta

from django.db.models import Count, Q

from indicators.bounds import on_dates, spanning, suffixed
from indicators.catalogue import Figure, Indicator, Section, Unit
from pathways.enums import EntryChannel, ExitCategory, PathwayKind, PathwayState
from pathways.models import Pathway

S = Section.PEOPLE
# Exits that count as dynamic: durable, transition and positive (the IAE's rate).
DYNAMIC = (ExitCategory.DURABLE, ExitCategory.TRANSITION, ExitCategory.POSITIVE)


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "people.accompanied",
            S,
            "Personnes accompagnées",
            "Personnes dont un parcours était ouvert à un moment de la période.",
            Unit.PEOPLE,
        ),
        Indicator(
            "people.new",
            S,
            "Nouvelles personnes",
            "Personnes dont un parcours a commencé pendant la période.",
            Unit.PEOPLE,
        ),
        Indicator(
            "people.active",
            S,
            "Personnes en parcours à la fin de la période",
            "Personnes dont un parcours était encore ouvert le dernier jour de la période.",
            Unit.PEOPLE,
        ),
        *[
            Indicator(
                f"people.channel.{value}",
                S,
                label,
                "Nouvelles personnes de la période, par canal d'entrée du parcours.",
                Unit.PEOPLE,
                breakdown="Nouvelles personnes par canal d'entrée",
            )
            for value, label in EntryChannel.choices
        ],
        *[
            Indicator(
                f"people.kind.{value}",
                S,
                label,
                "Personnes accompagnées pendant la période, par type de parcours.",
                Unit.PEOPLE,
                breakdown="Personnes accompagnées par type de parcours",
            )
            for value, label in PathwayKind.choices
        ],
        *[
            Indicator(
                f"people.state.{value}",
                S,
                label,
                "Parcours ouverts pendant la période, selon leur état d'aujourd'hui.",
                Unit.COUNT,
                breakdown="Parcours par état actuel",
            )
            for value, label in PathwayState.choices
        ],
        Indicator(
            "people.pass_ending_30",
            S,
            "PASS IAE se terminant dans les 30 jours",
            "Parcours IAE ouverts à la fin de la période dont le PASS IAE se termine "
            "dans les 30 jours qui la suivent.",
            Unit.PEOPLE,
        ),
        Indicator(
            "people.pass_ending_90",
            S,
            "PASS IAE se terminant dans les 90 jours",
            "Parcours IAE ouverts à la fin de la période dont le PASS IAE se termine "
            "dans les 90 jours qui la suivent.",
            Unit.PEOPLE,
        ),
    ]


def pathways_of(scope):
    pathways = Pathway.objects.filter(organization_id__in=scope.organization_ids)
    if scope.pathway_kind:
        pathways = pathways.filter(kind=scope.pathway_kind)
    return pathways.order_by()


def _people_conditions(period) -> dict[str, Q]:
    """The figures about people of one period: {name: condition on a pathway}; a person
    counts once however many of their pathways meet it."""
    overlaps = Q(started_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )
    open_at_end = Q(started_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)
    )
    new = on_dates("started_on", period)
    passes = open_at_end & Q(kind=PathwayKind.IAE, pass_end__gt=period.end)
    conditions = {
        "people.accompanied": overlaps,
        "people.new": new,
        "people.active": open_at_end,
    }
    for days in (30, 90):
        conditions[f"people.pass_ending_{days}"] = passes & Q(
            pass_end__lte=period.end + timedelta(days=days)
        )
    for value in EntryChannel.values:
        conditions[f"people.channel.{value}"] = new & Q(entry_channel=value)
    for value in PathwayKind.values:
        conditions[f"people.kind.{value}"] = overlaps & Q(kind=value)
    return conditions


def _overlaps(period) -> Q:
    return Q(started_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )


def compute(scope, periods) -> list[dict[str, Figure]]:
    """The people section and the exits (of the outcomes section), for each period, in
    two queries over the scope's pathways of all the periods: the distinct people of
    each figure, then the pathways by state and exit category (summed here)."""
    span = spanning(periods)
    # Overlapping the periods, or closed within them (a closing date is never before
    # the start, but the figures do not rely on it).
    pathways = pathways_of(scope).filter(_overlaps(span) | on_dates("closed_on", span))
    aggregates, names = {}, {}
    for index, period in enumerate(periods):
        for name, condition in _people_conditions(period).items():
            alias = f"f{len(names)}"
            names[alias] = (index, name)
            aggregates[alias] = Count("person_id", distinct=True, filter=condition)
    totals = pathways.aggregate(**aggregates)
    results = [{} for _ in periods]
    for alias, (index, name) in names.items():
        results[index][name] = totals[alias]
    by_state = pathways.values("state", "exit_category").annotate(
        **{
            suffixed(name, index): Count("pk", filter=condition)
            for index, period in enumerate(periods)
            for name, condition in (
                ("open", _overlaps(period)),
                ("closed", on_dates("closed_on", period)),
            )
        }
    )
    for counted in results:
        counted.update({f"people.state.{value}": 0 for value in PathwayState.values})
        counted.update({f"exits.{value}": 0 for value in ExitCategory.values})
        counted["exits.total"] = counted["exits."] = 0
    for row in by_state:
        for index, counted in enumerate(results):
            state = f"people.state.{row['state']}"
            counted[state] = counted.get(state, 0) + row[suffixed("open", index)]
            category = f"exits.{row['exit_category']}"
            counted[category] = counted.get(category, 0) + row[suffixed("closed", index)]
            counted["exits.total"] += row[suffixed("closed", index)]
    return [_figures(counted) for counted in results]


def _figures(counted: dict[str, int]) -> dict[str, Figure]:
    figures = {name: Figure.count(n) for name, n in counted.items()}
    by_category = {value: counted[f"exits.{value}"] for value in ExitCategory.values}
    dynamic = sum(by_category[value] for value in DYNAMIC)
    counted_exits = counted["exits.total"] - by_category[ExitCategory.EXCLUDED] - counted["exits."]
    figures["exits.dynamic_rate"] = Figure.share(dynamic, counted_exits)
    return figures
