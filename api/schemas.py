"""Schemas and constrained types shared by every router.

The API accepts what the forms accept and nothing the database cannot store: strings no
longer than the model column and never with a NUL byte (PostgreSQL refuses it and the web
form would refuse it afterwards), ids a database integer can hold, dates within
`lib.dates`. Each constraint is part of the OpenAPI document, so a client knows it."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from lib.dates import EARLIEST, LATEST, check_plausible_date

# Any character but NUL. Kept simple so client-side validators can read it.
NO_NUL = r"^[^\x00]*$"

# The largest primary key a 64-bit integer column holds.
MAX_ID = 2**63 - 1

# Free text stored in a TextField: long enough for any note, bounded all the same.
LONG_TEXT = 10_000


def Text(max_length: int = LONG_TEXT, *, min_length: int | None = None) -> Any:  # noqa: N802
    """A string of at most `max_length` characters (the model column's) without NUL."""
    return Annotated[
        str, StringConstraints(max_length=max_length, min_length=min_length, pattern=NO_NUL)
    ]


def checked_by(check) -> AfterValidator:
    """A check of `lib` (raising Django's ValidationError in French, as the forms use it)
    as a pydantic validator, so the API refuses with the same sentence."""

    def validate(value):
        try:
            check(value)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
        return value

    return AfterValidator(validate)


_RANGE = f"Entre {EARLIEST.isoformat()} et {LATEST.isoformat()}."

SafeDate = Annotated[date, checked_by(check_plausible_date), Field(description=_RANGE)]
SafeDateTime = Annotated[datetime, checked_by(check_plausible_date), Field(description=_RANGE)]

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    """Every refusal: a French sentence. A 422 also lists the fields in `errors`."""

    detail: str


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(description="Où : path, query ou body, puis le champ")
    msg: str
    type: str


class InvalidOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class TransitionOut(Schema):
    """One logged move of a lifecycle (a referral, a service referral): from, to, when,
    by whom, why."""

    from_state: str
    to_state: str
    at: datetime
    by: str | None
    comment: str

    @staticmethod
    def resolve_by(obj) -> str | None:
        return str(obj.by) if obj.by_id else None


def Choice(choices, *, blank: bool = False) -> Any:  # noqa: N802
    """One of the values of a TextChoices (or "" when `blank`), as an OpenAPI enum."""
    return Literal[(*choices.values, *([""] if blank else []))]


def _email(value: str) -> None:
    if value:
        validate_email(value)


# An e-mail address, or "" when there is none (as the forms accept).
Email = Annotated[Text(254), checked_by(_email)]


def _drop_null_defaults(schema: dict, model) -> None:
    for prop in schema.get("properties", {}).values():
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class PatchSchema(Schema):
    """A partial update: a field left out is left unchanged. A field that cannot be empty
    in the record is declared without `| None`, so `null` there is refused (422) instead of
    reaching the database; handlers read `payload.dict(exclude_unset=True)`."""

    model_config = ConfigDict(json_schema_extra=_drop_null_defaults)


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The refusals an operation may answer besides 401 and 422 (documented for all):
    `response={200: X, **errors(403, 404)}`."""
    return dict.fromkeys(statuses, ErrorOut)
