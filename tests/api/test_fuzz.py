"""The whole API fuzzed from its own OpenAPI document (Schemathesis), for three personas:
an SIAE counsellor, a prescriber and an employer. Whatever is sent, the answer is never a
server error, its status is one the operation documents, and its body matches the
documented schema.

Each operation is called with generated ids and with the ids of real objects (the samples
of the stranger walk), so the cases reach the services and not only the 404s. Bounded so
it stays in `make test`, and derandomized so CI sees the same cases every run."""

import contextlib
import time
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from api.v1 import api
from offers import services as offer_services
from offers.enums import OfferState
from tests.offers.helpers import employer_account, offer

EXAMPLES = 3
# Of the boundary cases (empty, longest, largest, null, missing…), this many per operation.
BOUNDARY_CASES = 12
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
PERSONAS = ["counsellor", "prescriber", "employer"]


@pytest.fixture
def wsgi_app():
    """The real WSGI stack, as a server runs it. Like Django's test client, it must not
    close the test's connection at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(team, followed):
    """The team's ACI follows a person referred by a prescriber, with every sample of the
    stranger walk (plan, barriers, referrals, offers, companies…); an employer has a
    published offer for which the person was introduced."""
    known = {
        "person_id": followed.person.pk,
        "pathway_id": followed.pathway.pk,
        "organization_id": team.organization.pk,
        "code": team.organization.commune_id,
    }
    for module in sorted((Path(__file__).parent.parent / "access").glob("samples_*.py")):
        _, arguments = import_module(f"tests.access.{module.stem}").samples(team, followed)
        known.update(arguments)
    _, employer, bakery = employer_account()
    published = offer(
        team.organization, team.colleague, employer=bakery, state=OfferState.PUBLISHED
    )
    introduction = offer_services.introduction_create(
        offer=published, person=followed.person, organization=team.organization, user=team.colleague
    )
    return SimpleNamespace(
        users={
            "counsellor": team.colleague,
            "prescriber": followed.prescriber_user,
            "employer": employer,
        },
        known=known,
        employer_known={**known, "introduction_id": introduction.pk, "offer_id": published.pk},
    )


def _schema():
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
    # The token is ours; NUL bytes are sent on purpose.
    schema.config.generation.update(allow_x00=True, with_security_parameters=False)
    return schema


def _operations():
    return [result.ok() for result in _schema().get_all_operations()]


def _check(case, app, headers) -> tuple[object, list[str]]:
    # A savepoint per call: a request that fails in the database must not spoil the
    # test's transaction for the next cases.
    with transaction.atomic():
        response = case.call(app=app, headers=headers)
    try:
        case.validate_response(response, checks=CHECKS)
    except (Failure, FailureGroup) as error:
        return response, [
            f"{case.operation.label} {response.status_code}: {each.title}\n"
            f"    {case.as_curl_command()}\n    {response.text[:300]}"
            for each in (error.exceptions if isinstance(error, FailureGroup) else [error])
        ]
    return response, []


def fuzz(operation, app, headers: dict, mode: GenerationMode, path_parameters=None):
    """Runs the operation's cases; returns how many ran and the failures found."""
    ran, failures = 0, []
    if path_parameters is not None:
        names = {p.name for p in operation.path_parameters}
        path_parameters = {k: v for k, v in path_parameters.items() if k in names}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def run(case):
        nonlocal ran
        ran += 1
        failures.extend(_check(case, app, headers)[1])  # collected: one run reports them all

    with contextlib.suppress(Unsatisfiable):  # no parameter to make invalid
        run()
    return ran, failures


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_never_answers_a_server_error(persona, world, bearer, wsgi_app):
    headers = bearer(world.users[persona])
    known = world.employer_known if persona == "employer" else world.known
    started, ran, failures = time.monotonic(), 0, []
    for operation in _operations():
        runs = [(GenerationMode.POSITIVE, None), (GenerationMode.NEGATIVE, None)]
        if operation.path_parameters:
            runs.append((GenerationMode.POSITIVE, known))
        for mode, path_parameters in runs:
            count, found = fuzz(operation, wsgi_app, headers, mode, path_parameters)
            ran += count
            failures += found
    elapsed = time.monotonic() - started
    print(f"\n{persona} : {ran} cas, {elapsed:.0f} s, {len(failures)} échecs")
    assert ran > 100 * EXAMPLES
    assert not failures, "\n".join(failures)


def test_the_api_holds_at_the_boundaries(world, bearer, wsgi_app):
    """Schemathesis' boundary cases (the largest page, the longest text, null for a list,
    a missing field…) with the counsellor's token and the ids of real objects, a sample
    of each operation's cases taken evenly so the run stays short."""
    headers = bearer(world.users["counsellor"])
    schema = _schema()
    started, ran, failures = time.monotonic(), 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        cases = list(
            schema.iter_coverage_cases(
                operation,
                generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                generation_config=schema.config.generation_for(operation=operation),
            )
        )
        step = max(1, len(cases) // BOUNDARY_CASES)
        for index, case in enumerate(cases[::step][:BOUNDARY_CASES]):
            if index % 2 == 0:  # every other case on real objects, to reach the services
                for name in case.path_parameters or {}:
                    if name in world.known:
                        case.path_parameters[name] = world.known[name]
            ran += 1
            failures += _check(case, wsgi_app, headers)[1]
    print(f"\nlimites : {ran} cas, {time.monotonic() - started:.0f} s, {len(failures)} échecs")
    assert ran > 300
    assert not failures, "\n".join(failures)
