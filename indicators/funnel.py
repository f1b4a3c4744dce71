"""From an introduction to a hire, and the contracts signed, by type."""

from django.db.models import Count, Q

from employment.models import Contract
from employment.selectors import RETENTION_MONTHS
from indicators.bounds import at_instants, computed_in_database, on_dates, spanning, suffixed
from indicators.catalogue import NO_DATA, Figure, Indicator, Section, Unit
from indicators.outcomes import retention_figures, retention_in_database, retention_in_python
from offers.enums import IntroductionState
from offers.models import Introduction, IntroductionTransition
from persons.enums import ContractType

F = Section.FUNNEL


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "funnel.introductions",
            F,
            "Mises en relation",
            "Candidatures présentées à un employeur pendant la période.",
            Unit.COUNT,
            breakdown="De la mise en relation à l'embauche",
        ),
        Indicator(
            "funnel.interviews",
            F,
            "Entretiens",
            "Mises en relation passées à « entretien prévu » pendant la période.",
            Unit.COUNT,
            breakdown="De la mise en relation à l'embauche",
        ),
        Indicator(
            "funnel.hires",
            F,
            "Embauches",
            "Mises en relation passées à « embauchée » pendant la période.",
            Unit.COUNT,
            breakdown="De la mise en relation à l'embauche",
        ),
        Indicator(
            "placements.total",
            F,
            "Contrats signés",
            "Contrats de travail des personnes accompagnées commençant pendant la période.",
            Unit.COUNT,
        ),
        *[
            Indicator(
                f"placements.{value}",
                F,
                label,
                "Contrats commençant pendant la période, par type de contrat.",
                Unit.COUNT,
                breakdown="Contrats signés par type",
            )
            for value, label in ContractType.choices
        ],
    ]


def contracts_of(scope):
    contracts = Contract.objects.filter(pathway__organization_id__in=scope.organization_ids)
    if scope.pathway_kind:
        contracts = contracts.filter(pathway__kind=scope.pathway_kind)
    return contracts.order_by()


def compute(scope, periods, today) -> list[dict[str, Figure]]:
    """The funnel and the contracts for each period: one query over the introductions,
    one over their moves, one over the contracts by type (placements, whether there is
    any, and retention: `indicators.outcomes`)."""
    span = spanning(periods)
    introductions = Introduction.objects.filter(introduced_by_id__in=scope.organization_ids)
    sent = (
        introductions.filter(at_instants("sent_at", span))
        .order_by()
        .aggregate(
            **{
                suffixed("sent", index): Count("pk", filter=at_instants("sent_at", period))
                for index, period in enumerate(periods)
            }
        )
    )
    moved = {}
    for index, period in enumerate(periods):
        within = at_instants("at", period)
        for name, state in (
            ("interviews", IntroductionState.INTERVIEW),
            ("hires", IntroductionState.HIRED),
        ):
            moved[suffixed(name, index)] = Count(
                "introduction_id", distinct=True, filter=within & Q(to_state=state)
            )
    moves = (
        IntroductionTransition.objects.filter(
            at_instants("at", span),
            to_state__in=(IntroductionState.INTERVIEW, IntroductionState.HIRED),
            introduction__in=introductions,
        )
        .order_by()
        .aggregate(**moved)
    )
    # The contracts, by type: whether there is any, those starting in each period and,
    # on PostgreSQL, retention at each milestone, summed over the types here.
    contracts = contracts_of(scope)
    placed = {"recorded": Count("pk")}
    for index, period in enumerate(periods):
        placed[suffixed("starting", index)] = Count("pk", filter=on_dates("start_date", period))
    aliases = {}
    if computed_in_database():
        aliases, retained = retention_in_database(periods, today)
        placed.update(retained)
    by_type = {}
    totals = dict.fromkeys(placed, 0)
    for row in contracts.alias(**aliases).values("contract_type").annotate(**placed):
        by_type[row["contract_type"]] = row
        for name in placed:
            totals[name] += row[name]
    recorded = bool(totals["recorded"])
    if recorded and not aliases:
        totals.update(retention_in_python(contracts, periods, today))
    results = []
    for index in range(len(periods)):
        figures = {
            "funnel.introductions": Figure.count(sent[suffixed("sent", index)]),
            "funnel.interviews": Figure.count(moves[suffixed("interviews", index)]),
            "funnel.hires": Figure.count(moves[suffixed("hires", index)]),
        }
        if recorded:
            starting = suffixed("starting", index)
            figures["placements.total"] = Figure.count(totals[starting])
            for value in ContractType.values:
                figures[f"placements.{value}"] = Figure.count(
                    by_type[value][starting] if value in by_type else 0
                )
            figures.update(retention_figures(totals, index))
        else:
            # No contract recorded yet by these organizations: nothing to count from.
            figures["placements.total"] = NO_DATA
            figures.update({f"placements.{value}": NO_DATA for value in ContractType.values})
            figures.update({f"retention.month_{m}": NO_DATA for m in RETENTION_MONTHS})
        results.append(figures)
    return results
