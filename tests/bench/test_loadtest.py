"""The load test's pure parts: what counts as a failure, the figures of a step, and the
locustfile's pages (imported in a separate process: Locust patches the standard library
with gevent on import)."""

import ipaddress
import json
import random
import subprocess
import sys
from collections import Counter

from django.urls import resolve

from bench.loadtest.figures import (
    HEADERS,
    Step,
    StepResult,
    address,
    cpu_percent,
    percentile,
    row,
    steps,
    table,
    verdict,
)


def test_percentiles_are_the_nearest_rank():
    values = list(range(1, 101))
    random.Random(3).shuffle(values)
    assert [percentile(values, q) for q in (50, 95, 99, 100)] == [50, 95, 99, 100]
    assert percentile([7.0], 99) == 7.0
    assert percentile([10, 20, 30, 40], 50) == 20


def test_a_step_without_requests_has_no_percentile():
    result = StepResult(Step("vide", 1, (0, 0), 10), seconds=10)
    assert row(result)[2:5] == ("—", "—", "—")
    assert row(result)[6] == "—"


def test_cpu_share_counts_a_process_born_during_the_step_from_zero():
    before = {100: 10.0, 101: 4.0}
    after = {100: 12.0, 101: 4.5, 102: 0.5}  # 102 started mid-step
    assert cpu_percent(before, after, seconds=2.0) == 150.0


def test_an_answer_is_a_failure_when_it_is_an_error_or_the_sign_in_page():
    assert verdict(200, "<main>Personnes</main>") is None
    assert verdict(302, "", "/") is None
    assert verdict(500, "") == "HTTP 500"
    assert verdict(429, "") == "HTTP 429"
    assert verdict(0, "") == "HTTP 0"  # no answer before the client's timeout
    lost = "page de connexion au lieu de la page demandée"
    assert verdict(302, "", "/comptes/login/?next=/a-traiter/") == lost
    form = '<form method="post" action="/comptes/login/">'
    assert verdict(200, form) == lost
    assert verdict(200, form, sign_in=True) is None  # the sign-in form was asked for


def test_each_simulated_user_gets_its_own_valid_address():
    addresses = [address(n) for n in range(1, 70_000)]
    assert len(set(addresses)) == len(addresses)
    assert all(ipaddress.ip_address(a).is_private for a in addresses[::997])
    assert address(1, network=172) != address(1)


def test_the_steps_climb_then_saturate_without_waiting():
    full = steps(60)
    assert [s.users for s in full] == [10, 50, 200, 50]
    assert [s.pace for s in full] == [(3, 10)] * 3 + [(0, 0)]
    assert {s.seconds for s in steps(10)} == {10}


def test_the_table_shows_each_steps_rate_percentiles_errors_and_resources():
    result = StepResult(
        Step("50 utilisateurs", 50, (3, 10), 20),
        seconds=20.0,
        timings=[float(ms) for ms in range(1, 201)],
        errors=Counter({"Accueil : HTTP 500": 3}),
        cpu={"gunicorn": 150.4, "postgres": 20.0, "locust": 5.0},
        rss_bytes=512 * 2**20,
    )
    assert row(result) == (
        "50 utilisateurs",
        "10.0",
        "100 ms",
        "190 ms",
        "198 ms",
        "3 (1.5 %)",
        "170 ms",  # (1.504 + 0.2) CPU-seconds a second, for 20 s, over 200 requests
        "150 %",
        "20 %",
        "5 %",
        "512 Mo",
    )
    lines = table([result]).splitlines()
    assert lines[0].split()[:2] == list(HEADERS[:2])
    assert len(lines) == 3


def test_the_locustfile_imports_and_its_pages_are_the_sites():
    script = (
        "import json; from bench.loadtest import locustfile as l; "
        "print(json.dumps({'pages': l.PAGES, 'users': [c.__name__ for c in "
        "(l.Counsellor, l.Visitor)]}))"
    )
    found = json.loads(
        subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True
        ).stdout
    )
    assert found["users"] == ["Counsellor", "Visitor"]
    for name, path in found["pages"].items():
        assert resolve(path.format(1)).url_name == name
