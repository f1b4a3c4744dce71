"""Timing helpers shared by the benchmarks: run cases, take percentiles, and put a
result beside its naive baseline."""

import statistics
import time
from collections.abc import Callable

from bench import Measure


def timed(cases: list[Callable]) -> list[float]:
    """Milliseconds per case, after ten warm-up runs (connections, caches)."""
    for case in cases[:10]:
        case()
    timings = []
    for case in cases:
        started = time.perf_counter()
        case()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def compare(label: str, cases, baseline_cases, *, target_ms: float) -> list[Measure]:
    """p50 and p95 of `cases`, each beside the same figure for `baseline_cases`."""
    timings, base = timed(cases), timed(baseline_cases)
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
