"""A company's identity fields (the register's part that its own account owns), as
plain values to store in a proposal or the register's history, and as French words to
show them."""

from companies.models import Company, SizeBand
from territories.models import Commune

IDENTITY_FIELDS = (
    "siret",
    "name",
    "naf_code",
    "naf_label",
    "size_band",
    "commune",
    "address",
    "website",
    "is_employer_group",
)


def stored(name: str, value):
    """The value as a proposal or the history keeps it: the commune by its INSEE code."""
    if name == "commune":
        return getattr(value, "pk", value) or ""
    if name == "is_employer_group":
        return bool(value)
    return "" if value is None else str(value)


def identity_of(company: Company) -> dict:
    return {name: stored(name, getattr(company, name)) for name in IDENTITY_FIELDS}


def differences(before: dict, after: dict) -> dict:
    """{field: [old, new]} of the identity fields that differ."""
    return {
        name: [before.get(name), after[name]]
        for name in IDENTITY_FIELDS
        if name in after and before.get(name) != after[name]
    }


def label(name: str) -> str:
    return str(Company._meta.get_field(name).verbose_name).capitalize()


def shown(name: str, value, communes: dict | None = None) -> str:
    if value in (None, ""):
        return "—"
    if name == "size_band":
        return dict(SizeBand.choices).get(value, value)
    if name == "is_employer_group":
        return "oui" if value else "non"
    if name == "commune":
        communes = communes if communes is not None else {}
        return communes.get(value) or value
    return str(value)


def described(changes: dict) -> list[tuple[str, str, str]]:
    """(field label, old, new) of a change, in French, in the fields' order."""
    codes = {v for name, values in changes.items() if name == "commune" for v in values if v}
    communes = dict(Commune.objects.filter(pk__in=codes).values_list("pk", "name"))
    return [
        (
            label(name),
            shown(name, changes[name][0], communes),
            shown(name, changes[name][1], communes),
        )
        for name in IDENTITY_FIELDS
        if name in changes
    ]
