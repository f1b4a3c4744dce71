"""Timing helpers shared by the benchmarks: run cases, take percentiles, and put a
result beside its naive baseline."""

import statistics
import time
from collections.abc import Callable

from bench import Measure

# A read of several seconds (today, the small structure's person list on 1,000,000
# persons) is timed for a minute at most: enough to show it, and `make bench` stays short.
BUDGET_S = 60


def timed(
    cases: list[Callable], *, budget_s: float | None = None, minimum: int = 20
) -> list[float]:
    """Milliseconds per case, after ten warm-up runs (connections, caches). With a
    budget, a slow page stops being measured once the budget is spent and `minimum`
    cases were timed (warm-up included in the budget): a page of seconds shows itself in
    twenty requests, and the run stays short."""
    started = time.perf_counter()

    def spent() -> bool:
        return budget_s is not None and time.perf_counter() - started > budget_s

    for index, case in enumerate(cases[:10]):
        case()
        if index >= 1 and spent():
            break
    timings = []
    for case in cases:
        began = time.perf_counter()
        case()
        timings.append((time.perf_counter() - began) * 1000)
        if len(timings) >= minimum and spent():
            break
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def compare(
    label: str, cases, baseline_cases, *, target_ms: float, budget_s: float | None = None
) -> list[Measure]:
    """p50 and p95 of `cases`, each beside the same figure for `baseline_cases`."""
    timings = timed(cases, budget_s=budget_s)
    base = timed(baseline_cases, budget_s=budget_s)
    ours, theirs = p95(timings), p95(base)
    return [
        Measure(
            f"{label}, p50",
            f"{statistics.median(timings):.1f} ms",
            baseline=f"{statistics.median(base):.1f} ms",
        ),
        Measure(
            f"{label}, p95",
            f"{ours:.1f} ms",
            baseline=f"{theirs:.1f} ms",
            target=f"< {target_ms} ms",
            met=ours < target_ms,
        ),
    ]


def ratio(larger_platform_ms: float, smaller_platform_ms: float) -> float:
    """How many times slower the same page got when the platform grew: 1.0 means the
    page does not depend on the size of the platform, only on the structure's."""
    if smaller_platform_ms <= 0:
        raise ValueError("a page cannot take no time: nothing was measured")
    return larger_platform_ms / smaller_platform_ms


def ratio_measure(label: str, larger_ms: float, smaller_ms: float, *, target: float) -> Measure:
    value = ratio(larger_ms, smaller_ms)
    return Measure(
        label,
        f"{value:.2f}×",
        baseline=f"{larger_ms:.1f} ms / {smaller_ms:.1f} ms",
        target=f"≤ {target}×",
        met=value <= target,
    )
