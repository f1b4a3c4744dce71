"""Where a page spends its database time: `python -m bench.explain <grande|petite> <path>
[min_ms]` requests the page once as the counsellor of the benchmarks' large or small
structure (production settings, every middleware), lists every query it ran with its
time, then prints the plan as executed (EXPLAIN ANALYZE, BUFFERS) of each SELECT slower
than `min_ms` (5 by default). PostgreSQL only: on the database BENCH_DATABASE_URL names,
whose population `python -m bench --postgres` built (`BENCH_PERSONS`).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54395/bench \\
        python -m bench.explain grande "/personnes/?q=mar&state=active" 20
"""

import os
import sys
import time


def main(arguments: list[str]) -> int:
    if len(arguments) < 2 or arguments[0] not in ("grande", "petite"):
        print(__doc__)
        return 2
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        print("BENCH_DATABASE_URL doit nommer la base PostgreSQL des mesures.")
        return 2
    os.environ["BENCH_KEEP"] = "1"  # never remove anything
    from bench.__main__ import _prepare_environment

    _prepare_environment(url)
    import django

    django.setup()
    from django.db import connection

    from bench import persons_wanted
    from bench.client import signed_in
    from bench.population import build

    structure, path = arguments[0], arguments[1]
    slowest = float(arguments[2]) if len(arguments) > 2 else 5.0
    population = build(persons=persons_wanted())
    if structure == "grande":
        client = signed_in(population.large_user, population.large)
    else:
        client = signed_in(population.small_user, population.small)
    client.get(path, secure=True)  # connections, caches
    ran = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ran.append(((time.perf_counter() - started) * 1000, sql, params))

    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        response = client.get(path, secure=True)
    total = (time.perf_counter() - started) * 1000
    print(
        f"{path} : {response.status_code}, {total:.1f} ms, {len(ran)} requêtes, "
        f"{sum(ms for ms, _, _ in ran):.1f} ms en base"
    )
    for ms, sql, _ in ran:
        print(f"{ms:8.1f} ms  {sql[:140]}")
    for ms, sql, params in ran:
        if ms < slowest or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n== {ms:.1f} ms\n{cursor.mogrify(sql, params)}\n{plan}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
