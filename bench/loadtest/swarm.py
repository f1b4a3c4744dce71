"""`python -m bench.loadtest.swarm`: the steps of the load test against a running server
(LOADTEST_HOST), with Locust as a library, headless. Each step starts its users, waits
until they have all signed in, then measures for LOADTEST_STEP_SECONDS: requests,
failures, and the CPU and memory of the server's processes (LOADTEST_GUNICORN_PID,
LOADTEST_POSTGRES_PID: the parent processes). Prints the table and exits."""

import contextlib
import os
import sys
import time
from collections import Counter, defaultdict

import gevent
import psutil
from locust.env import Environment

from bench.loadtest import locustfile
from bench.loadtest.figures import StepResult, cpu_percent, percentile, steps, table

SIGN_IN_TIMEOUT = 600
SPAWN_RATE = 20  # users started per second


def _tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def _cpu_seconds(processes: list[psutil.Process]) -> dict[int, float]:
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:  # gone since it was listed
            continue
        seconds[process.pid] = times.user + times.system
    return seconds


def _rss(processes: list[psutil.Process]) -> int:
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):  # gone since it was listed
            total += process.memory_info().rss
    return total


class Meter:
    """CPU of each group of processes over a step, and the web server's peak memory."""

    def __init__(self, roots: dict[str, int]):
        self.roots = roots

    def reading(self) -> dict[str, dict[int, float]]:
        return {group: _cpu_seconds(_tree(pid)) for group, pid in self.roots.items()}

    def watch_memory(self, result: StepResult) -> gevent.Greenlet:
        def sample():
            while True:
                result.rss_bytes = max(result.rss_bytes, _rss(_tree(self.roots["gunicorn"])))
                gevent.sleep(2)

        return gevent.spawn(sample)


def run(host: str, seconds: int, roots: dict[str, int]) -> list[StepResult]:
    environment = Environment(user_classes=[locustfile.Counsellor, locustfile.Visitor], host=host)
    runner = environment.create_local_runner()
    meter = Meter({**roots, "locust": os.getpid()})
    current: list[StepResult] = []  # the step being measured, if any
    by_page: dict[str, list[float]] = defaultdict(list)
    failed_sign_ins: Counter = Counter()

    def record(name, response_time, exception, **_):
        if exception and name.startswith("Connexion"):
            failed_sign_ins[name] += 1
        if current:
            current[0].timings.append(response_time)
            by_page[name].append(response_time)
            if exception:
                current[0].errors[f"{name} : {exception}"] += 1

    environment.events.request.add_listener(record)
    results = []
    for step in steps(seconds):
        locustfile.PACE[:] = step.pace
        ramp = time.monotonic()
        runner.start(step.users, spawn_rate=SPAWN_RATE)
        while (
            runner.user_count != step.users or locustfile.signing_in
        ) and time.monotonic() - ramp < SIGN_IN_TIMEOUT:
            gevent.sleep(1)
        failures = sum(failed_sign_ins.values())
        print(
            f"{step.label} : prêts en {time.monotonic() - ramp:.0f} s"
            f"{f' ({failures} connexions en échec)' if failures else ''}, "
            f"mesure sur {seconds} s…",
            flush=True,
        )
        result = StepResult(step, seconds=0)
        memory = meter.watch_memory(result)
        before, started = meter.reading(), time.monotonic()
        current.append(result)
        gevent.sleep(step.seconds)
        current.clear()
        result.seconds = time.monotonic() - started
        after = meter.reading()
        memory.kill()
        result.cpu = {
            group: cpu_percent(before[group], after[group], result.seconds) for group in after
        }
        results.append(result)
    runner.quit()
    _report(results, by_page)
    return results


def _report(results: list[StepResult], by_page: dict[str, list[float]]) -> None:
    print("\n== Essai de charge (CPU en % d'un cœur ; RSS : pic des processus gunicorn)")
    print(table(results))
    print("\nPages les plus lentes (p95 sur tous les paliers) :")
    slowest = sorted(by_page.items(), key=lambda item: -percentile(item[1], 95))
    for name, timings in slowest[:5]:
        print(f"  {name:<32} p95 {percentile(timings, 95):.0f} ms ({len(timings)} requêtes)")
    errors = sum((result.errors for result in results), Counter())
    if errors:
        print("\nErreurs :")
        for message, count in errors.most_common(8):
            print(f"  {count:>6}  {message}")


def main() -> int:
    results = run(
        os.environ["LOADTEST_HOST"],
        int(os.environ.get("LOADTEST_STEP_SECONDS", "60")),
        {
            "gunicorn": int(os.environ["LOADTEST_GUNICORN_PID"]),
            "postgres": int(os.environ["LOADTEST_POSTGRES_PID"]),
        },
    )
    return 1 if any(result.errors for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
