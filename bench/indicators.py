"""« Résultats » on the persons' population (`BENCH_PERSONS`, 1,000,000 persons and
10,000,000 events by default; the issue's target is set at 100,000 and 1,000,000), with
what the dashboards count added to it (`bench.results_population`: barriers, companies,
offers, introductions, contracts, exits…): the organization dashboard of the large
structure and the territory dashboard of its EPCI (every organization located there,
read by a coordinator), each over the last 12 months and the 12 before.

For each: the page as the user gets it (`/resultats/`, every middleware, the template),
then `indicator_table` alone, both beside the naive read of the same table
(`indicators.naive`: one query per indicator and per period, as a loop over the
catalogue would), timed once. Nothing is cached: every request computes every figure
again (p50 and p95 over 30 requests after 10 of warm-up). Target: p95 under 300 ms on
PostgreSQL, 500 ms on SQLite."""

import statistics
import time

from django.db import connection
from django.utils import timezone

from bench import Measure, persons_wanted
from bench.client import page, signed_in
from bench.population import build
from bench.results_population import ensure
from bench.timing import BUDGET_S, p95, timed
from indicators.naive import naive_table
from indicators.periods import last_twelve_months
from indicators.scopes import ORGANIZATION, Scope, territory_scope
from indicators.selectors import indicator_table
from organizations.enums import OrganizationKind, Role
from organizations.models import Membership, Organization

ROUNDS = 30
COORDINATOR = "Bench coordination"


def _coordinator(epci: str, commune_id: str):
    """A coordinator serving the EPCI: who reads the territory's dashboard."""
    from django.contrib.auth import get_user_model

    organization, created = Organization.objects.get_or_create(
        name=COORDINATOR, defaults={"kind": OrganizationKind.COORDINATOR, "commune_id": commune_id}
    )
    if created:
        organization.served_epcis.add(epci)
    user, _ = get_user_model().objects.get_or_create(
        email="bench.coordination@bench.localhost",
        defaults={"first_name": "Coordination", "last_name": "Bench"},
    )
    Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": Role.MEMBER}
    )
    return signed_in(user, organization)


def run() -> list[Measure]:
    started = time.perf_counter()
    population = build(persons=persons_wanted())
    added = ensure()
    built = time.perf_counter() - started
    organization = population.large
    period = last_twelve_months(timezone.localdate())
    epci = organization.commune.epci_id
    query = {"periode": "12-mois"}
    cases = [
        (
            Scope(
                ORGANIZATION,
                f"organisation:{organization.pk}",
                organization.name,
                (organization.pk,),
            ),
            signed_in(population.large_user, organization),
            {**query, "perimetre": f"organisation:{organization.pk}"},
        )
    ]
    if epci:
        cases.append(
            (
                territory_scope(f"epci:{epci}"),
                _coordinator(epci, organization.commune_id),
                {**query, "perimetre": f"epci:{epci}"},
            )
        )
    target = 300 if connection.vendor == "postgresql" else 500
    limits = {"budget_s": BUDGET_S}
    measures = [
        Measure(
            f"Population ({connection.vendor})",
            f"{population.persons:,} personnes, {population.events:,} événements".replace(",", " "),
            baseline=f"prête en {built:.0f} s (résultats : {added:.0f} s)",
        )
    ]
    for scope, client, params in cases:
        what = "organisation" if scope.kind == ORGANIZATION else "territoire"
        rows = indicator_table(scope, period)
        measures.append(
            Measure(
                f"Résultats, {what} : {scope.label}",
                f"{len(scope.organization_ids)} organisation(s), {len(rows)} indicateurs",
                baseline=_sample(rows),
            )
        )
        naive = timed([lambda s=scope: naive_table(s, period) for _ in range(ROUNDS)], **limits)
        for how, request in (
            ("page /resultats/", [lambda c=client, p=params: page(c, "/resultats/", p)]),
            ("indicator_table seul", [lambda s=scope: indicator_table(s, period)]),
        ):
            timings = timed(request * ROUNDS, **limits)
            measures += [
                Measure(
                    f"Résultats ({what}), {how}, p50",
                    f"{statistics.median(timings):.1f} ms",
                    baseline=f"{statistics.median(naive):.1f} ms",
                ),
                Measure(
                    f"Résultats ({what}), {how}, p95",
                    f"{p95(timings):.1f} ms",
                    baseline=f"{p95(naive):.1f} ms",
                    target=f"< {target} ms",
                    met=p95(timings) < target,
                ),
            ]
    return measures


def _sample(rows) -> str:
    """A few figures, to see that the tables are not empty."""
    wanted = ("people.accompanied", "barriers.identified", "funnel.hires", "exits.total")
    found = {row.code: row.shown for row in rows}
    return ", ".join(f"{code} {found.get(code)}" for code in wanted)
