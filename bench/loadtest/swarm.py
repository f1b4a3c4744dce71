"""`python -m bench.loadtest.swarm`: the steps of the load test against a running server
(LOADTEST_HOST), with Locust as a library, headless. The counsellors sign in first; then
each step starts its users and measures for LOADTEST_STEP_SECONDS: requests, failures,
and the CPU and memory of the server's processes (LOADTEST_GUNICORN_PID,
LOADTEST_POSTGRES_PID: the parent processes). Prints the table and exits."""

import contextlib
import math
import os
import sys
import time
from collections import Counter

import gevent
import psutil
from gevent.pool import Pool
from locust.env import Environment

from bench.loadtest import locustfile
from bench.loadtest.figures import Step, StepResult, cpu_percent, percentile, steps, table

START_TIMEOUT = 120
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


def _sign_in_beforehand(environment: Environment, sign_ins: StepResult, workers: int) -> None:
    """Signs in as many counsellors as the busiest step has, as many at once as the
    server has workers: a sign-in hashes the password (PBKDF2, a quarter of a second of
    CPU), and a crowd of them would only queue."""
    weights = locustfile.Counsellor.weight, locustfile.Visitor.weight
    busiest = max(step.users for step in steps(0))
    counsellors = [
        locustfile.Counsellor(environment)
        for _ in range(math.ceil(busiest * weights[0] / sum(weights)))
    ]
    started = time.monotonic()
    Pool(workers).map(lambda counsellor: counsellor.sign_in(), counsellors)
    sign_ins.seconds = time.monotonic() - started
    locustfile.signed_in.extend(
        (counsellor.address, list(counsellor.client.cookiejar)) for counsellor in counsellors
    )
    failures = sum(sign_ins.errors.values())
    print(
        f"{len(counsellors)} conseillers connectés en {sign_ins.seconds:.0f} s "
        f"(envoi du formulaire : p50 {percentile(sign_ins.timings, 50):.0f} ms, "
        f"p95 {percentile(sign_ins.timings, 95):.0f} ms ; {failures} échecs)",
        flush=True,
    )


def run(host: str, seconds: int, roots: dict[str, int], workers: int) -> list[StepResult]:
    locustfile.Browser.host = host
    environment = Environment(user_classes=[locustfile.Counsellor, locustfile.Visitor], host=host)
    runner = environment.create_local_runner()
    meter = Meter({**roots, "locust": os.getpid()})
    current: list[StepResult] = []  # the step being measured, if any
    sign_ins = StepResult(Step("Connexions", 0, (0, 0), 0), seconds=0)

    def record(name, response_time, exception, **_):
        if name == "Connexion (envoi)":
            sign_ins.timings.append(response_time)
        if name.startswith("Connexion") and exception:
            sign_ins.errors[f"{name} : {exception}"] += 1
        if current:
            current[0].timings.append(response_time)
            current[0].pages[name].append(response_time)
            if exception:
                current[0].errors[f"{name} : {exception}"] += 1

    environment.events.request.add_listener(record)
    _sign_in_beforehand(environment, sign_ins, workers)
    results = []
    for step in steps(seconds):
        locustfile.PACE[:] = step.pace
        ramp = time.monotonic()
        runner.start(step.users, spawn_rate=SPAWN_RATE)
        while runner.user_count != step.users and time.monotonic() - ramp < START_TIMEOUT:
            gevent.sleep(1)
        print(f"{step.label} : mesure sur {seconds} s…", flush=True)
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
    _report(results)
    return results


def _report(results: list[StepResult]) -> None:
    print("\n== Essai de charge (CPU en % d'un cœur ; RSS : pic des processus gunicorn)")
    print(table(results))
    # The first step queues least: its times are closest to what each page costs.
    print(f"\nPar page, palier « {results[0].step.label} » :")
    pages = sorted(results[0].pages.items(), key=lambda item: -percentile(item[1], 95))
    for name, timings in pages:
        print(
            f"  {name:<30} p50 {percentile(timings, 50):>5.0f} ms  "
            f"p95 {percentile(timings, 95):>5.0f} ms  ({len(timings)} requêtes)"
        )
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
        int(os.environ.get("LOADTEST_WORKERS", "4")),
    )
    return 1 if any(result.errors for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
