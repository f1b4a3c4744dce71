"""The load test (`make loadtest`): the application served as in production, loaded by
Locust in steps of simulated users. Never part of the test suite."""
