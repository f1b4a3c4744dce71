"""The load test's steps, what makes an answer a failure, and what is computed from a
step: percentiles, CPU share of a group of processes, the French table. Pure functions,
tested without a server."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

LOGIN_URL = "/comptes/login/"
LOGIN_FORM = f'action="{LOGIN_URL}"'


def address(number: int, *, network: int = 10) -> str:
    """The number-th address of a /8 private network: each simulated user its own."""
    return f"{network}.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"


def verdict(status: int, body: str, location: str = "", *, sign_in: bool = False) -> str | None:
    """Why an answer is a failure, or None: 2xx and 3xx pass, except the sign-in page
    or a redirection to it (the session was lost) when another page was asked for
    (`sign_in`: the sign-in form itself was). Status 0: no answer in time."""
    lost = location.startswith(LOGIN_URL) or (status == 200 and LOGIN_FORM in body)
    if lost and not sign_in:
        return "page de connexion au lieu de la page demandée"
    if 200 <= status < 400:
        return None
    return f"HTTP {status}"


@dataclass(frozen=True)
class Step:
    label: str
    users: int
    pace: tuple[float, float]  # seconds between two clicks of a user
    seconds: int


def steps(seconds: int) -> list[Step]:
    """10, 50 then 200 users clicking every 3 to 10 s; then 50 who never wait."""
    return [
        Step("10 utilisateurs", 10, (3, 10), seconds),
        Step("50 utilisateurs", 50, (3, 10), seconds),
        Step("200 utilisateurs", 200, (3, 10), seconds),
        Step("Saturation (50, sans attente)", 50, (0, 0), seconds),
    ]


@dataclass
class StepResult:
    step: Step
    seconds: float  # measured, from the first to the last moment of the step
    timings: list[float] = field(default_factory=list)  # milliseconds, one per request
    errors: Counter = field(default_factory=Counter)  # message -> count
    pages: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    cpu: dict[str, float] = field(default_factory=dict)  # group of processes -> % of a core
    rss_bytes: int = 0  # peak resident memory of the web server's processes

    @property
    def rate(self) -> float:
        return len(self.timings) / self.seconds if self.seconds else 0.0

    @property
    def server_cpu_ms(self) -> float:
        """CPU time of gunicorn and PostgreSQL per request: on a shared machine, steadier
        than the latencies, which include waiting for a core."""
        if not self.timings:
            return math.nan
        used = (self.cpu.get("gunicorn", 0.0) + self.cpu.get("postgres", 0.0)) / 100
        return 1000 * used * self.seconds / len(self.timings)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile: the smallest value that at least q % of the values
    do not exceed."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def cpu_percent(before: dict[int, float], after: dict[int, float], seconds: float) -> float:
    """The CPU time a group of processes used between two readings ({pid: CPU seconds
    so far}), in % of one core. A process born in between counts from zero; one gone
    in between is not seen (its last seconds are lost)."""
    used = sum(total - before.get(pid, 0.0) for pid, total in after.items())
    return 100 * used / seconds if seconds else 0.0


HEADERS = (
    "Palier",
    "Req/s",
    "p50",
    "p95",
    "p99",
    "Erreurs",
    "CPU serveur/req",
    "CPU gunicorn",
    "CPU PostgreSQL",
    "CPU Locust",
    "RSS gunicorn",
)


def row(result: StepResult) -> tuple[str, ...]:
    def ms(q):
        value = percentile(result.timings, q)
        return "—" if math.isnan(value) else f"{value:.0f} ms"

    errors = sum(result.errors.values())
    share = f" ({100 * errors / len(result.timings):.1f} %)" if result.timings else ""
    return (
        result.step.label,
        f"{result.rate:.1f}",
        ms(50),
        ms(95),
        ms(99),
        f"{errors}{share}",
        "—" if math.isnan(result.server_cpu_ms) else f"{result.server_cpu_ms:.0f} ms",
        *(f"{result.cpu.get(group, 0.0):.0f} %" for group in ("gunicorn", "postgres", "locust")),
        f"{result.rss_bytes / 2**20:.0f} Mo",
    )


def table(results: list[StepResult]) -> str:
    rows = [HEADERS, *(row(result) for result in results)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
