"""The OpenAPI document says what the code does: each operation's documented request body
and responses are the schemas of the classes its handler really uses, no two classes
share a component name (ninja would keep only one of them), and every operation
documents the refusals it may answer."""

import enum
import json
from typing import get_args

import pytest
from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema
from pydantic import BaseModel

from api.v1 import api

NAMESPACE = "api-v1"


def _operations():
    for bound_router in api._get_bound_routers():
        for path, path_view in bound_router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"{method} /{path.lstrip('/')}", operation


OPERATIONS = dict(_operations())


@pytest.fixture(scope="module")
def document():
    # As a client reads it: JSON, status codes as strings.
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), default=str))


def _own_schema(model, mode: str, by_alias: bool = True) -> dict:
    return model.model_json_schema(
        ref_template=REF_TEMPLATE,
        schema_generator=NinjaGenerateJsonSchema,
        mode=mode,
        by_alias=by_alias,
    )


def _documented(document, label: str) -> dict:
    method, path = label.split(" ", 1)
    path = "/api/v1" + path.rstrip("/")
    for documented_path, methods in document["paths"].items():
        if documented_path.rstrip("/") == path:
            return methods[method.lower()]
    raise AssertionError(f"{label} absent du document")


def _models(annotation, seen: set):
    """The pydantic models and enums an annotation uses, nested ones included."""
    if isinstance(annotation, type) and annotation not in seen:
        if issubclass(annotation, BaseModel):
            seen.add(annotation)
            yield annotation
            for field in annotation.model_fields.values():
                yield from _models(field.annotation, seen)
            return
        if issubclass(annotation, enum.Enum):
            seen.add(annotation)
            yield annotation
            return
    for argument in get_args(annotation):
        yield from _models(argument, seen)


def _classes_of(operation):
    seen: set = set()
    for model in operation.models:
        for field in model.model_fields.values():
            yield from _models(field.annotation, seen)
    for model in operation.response_models.values():
        if isinstance(model, type) and issubclass(model, BaseModel):
            yield from _models(model.model_fields["response"].annotation, seen)


def test_it_reads_every_operation():
    assert len(OPERATIONS) > 60


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_the_documented_schemas_are_those_the_handler_uses(label, document):
    operation = OPERATIONS[label]
    documented = _documented(document, label)
    components = document["components"]["schemas"]
    checked = []
    for model in operation.models:
        own = _own_schema(model, "validation")
        if model.__ninja_param_source__ == "body":
            (name, body), *_ = own["properties"].items()
            assert documented["requestBody"]["content"]["application/json"]["schema"] == body
            checked.append(name)
        for name, definition in own.get("$defs", {}).items():
            assert components[name] == definition, f"{label} : le corps {name} diffère"
    for status, model in operation.response_models.items():
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        own = _own_schema(model, "serialization", by_alias=operation.by_alias)
        content = documented["responses"][str(status)]["content"]["application/json"]
        assert content["schema"] == own["properties"]["response"]
        for name, definition in own.get("$defs", {}).items():
            assert components[name] == definition, f"{label} : la réponse {name} diffère"
        checked.append(status)
    assert checked, f"{label} ne documente aucun schéma"


def test_no_two_classes_share_a_component_name():
    owners: dict[str, set] = {}
    for operation in OPERATIONS.values():
        for model in _classes_of(operation):
            owners.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    shared = {name: classes for name, classes in owners.items() if len(classes) > 1}
    assert not shared


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_every_operation_documents_its_refusals(label, document):
    operation = OPERATIONS[label]
    responses = _documented(document, label)["responses"]
    if operation.auth_callbacks:
        assert "401" in responses
    if operation.models:
        assert responses["422"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/InvalidOut"
        }
    for status, response in responses.items():
        if status.startswith("4"):
            assert "content" in response, f"{label} {status} sans corps documenté"
