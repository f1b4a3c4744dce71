"""Several calls released at the same moment, each in its own thread and database
connection: for the tests of real concurrency (PostgreSQL)."""

import threading

from django.db import connections


def at_once(*calls) -> list:
    """Run the calls together; their results, in the order they finished."""
    start = threading.Barrier(len(calls))
    results = []

    def run(call):
        try:
            start.wait()
            results.append(call())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
