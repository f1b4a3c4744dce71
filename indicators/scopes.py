"""Whose figures: one organization, a territory (an EPCI, a département) across the
organizations located there, or a funder's organizations (those whose admins name it
among their funders). Who may read which scope is decided here (`scope_for`), for the
page, the API and the exports alike: a member reads their organization; an
organization that may read aggregates (`VIEW_AGGREGATES`: coordinators and funders, the
accompanying structures) reads the territories it serves, counted over every
organization there and never naming anyone; a funder also reads the organizations it
funds, added up the same way; the platform staff reads all."""

from dataclasses import dataclass

from django.http import Http404

from access.policy import Capability, active_memberships, can, membership_can
from organizations.enums import KindGroup
from organizations.models import Organization
from pathways.enums import PathwayKind
from territories.models import EPCI, Department

ORGANIZATION = "organization"
TERRITORY = "territory"
FUNDER = "funder"
UNKNOWN = "Périmètre introuvable ou non accessible."


@dataclass(frozen=True)
class Scope:
    kind: str  # ORGANIZATION or TERRITORY
    key: str  # "organisation:<id>", "epci:<SIREN>", "departement:<code>"
    label: str
    organization_ids: tuple[int, ...]
    pathway_kind: str = ""

    @property
    def across_organizations(self) -> bool:
        """A territory's or a funder's figures add up several organizations: small
        cells are hidden there (`indicators.suppression`)."""
        return self.kind != ORGANIZATION


def _organization_scope(organization, pathway_kind="") -> Scope:
    return Scope(
        ORGANIZATION,
        f"organisation:{organization.pk}",
        organization.name,
        (organization.pk,),
        pathway_kind,
    )


def territory_scope(key: str, pathway_kind="") -> Scope | None:
    kind, _, code = key.partition(":")
    if kind == "epci":
        territory = EPCI.objects.filter(pk=code).first()
        located = Organization.objects.filter(commune__epci_id=code)
    elif kind == "departement":
        territory = Department.objects.filter(pk=code).first()
        located = Organization.objects.filter(commune__department_id=code)
    else:
        return None
    if territory is None:
        return None
    ids = tuple(located.order_by("pk").values_list("pk", flat=True))
    return Scope(TERRITORY, key, territory.name, ids, pathway_kind)


def funder_scope(key: str, pathway_kind="") -> Scope | None:
    kind, _, code = key.partition(":")
    if kind != "financeur" or not code.isdigit():
        return None
    funder = Organization.objects.filter(pk=int(code)).first()
    if funder is None:
        return None
    ids = tuple(funder.funded.order_by("pk").values_list("pk", flat=True))
    return Scope(FUNDER, key, _funded_by(funder), ids, pathway_kind)


def _funded_by(funder) -> str:
    return f"Structures financées par {funder.name}"


def funder_keys(user) -> list[tuple[str, str]]:
    """(key, label) of the funders the user may read as such: their coordinating or
    funding organizations (the only kind a funder can be) that some organization names
    among its funders."""
    return [
        (f"financeur:{m.organization_id}", _funded_by(m.organization))
        for m in active_memberships(user)
        if m.organization.kind_group == KindGroup.COORDINATOR
        and membership_can(m, Capability.VIEW_AGGREGATES)
        and m.organization.funded.exists()
    ]


def territory_keys(user) -> list[tuple[str, str]]:
    """(key, label) of the territories the user may read: the EPCI served by (or home
    of) each of their organizations that may read aggregates, and the département of
    those that coordinate or fund."""
    keys = {}
    for membership in active_memberships(user):
        if not membership_can(membership, Capability.VIEW_AGGREGATES):
            continue
        organization = membership.organization
        epcis = list(organization.served_epcis.all())
        commune = organization.commune
        if commune is not None and commune.epci is not None:
            epcis.append(commune.epci)
        for epci in epcis:
            keys[f"epci:{epci.pk}"] = epci.name
        if organization.kind_group == KindGroup.COORDINATOR and commune is not None:
            department = commune.department
            keys[f"departement:{department.pk}"] = f"{department.name} ({department.pk})"
    return sorted(keys.items(), key=lambda item: (not item[0].startswith("epci"), item[1]))


def scope_choices(user) -> list[tuple[str, str]]:
    """What the scope chooser offers: the user's organizations, then their territories."""
    organizations = [
        (f"organisation:{m.organization_id}", m.organization.name)
        for m in active_memberships(user)
        if membership_can(m, Capability.VIEW_ORGANIZATION)
    ]
    return organizations + territory_keys(user) + funder_keys(user)


def default_key(user, organization) -> str:
    """A coordinator or funder holds no people: its first territory; others their
    organization."""
    if organization is not None and organization.kind_group == KindGroup.COORDINATOR:
        territories = territory_keys(user)
        if territories:
            return territories[0][0]
    if organization is not None:
        return f"organisation:{organization.pk}"
    choices = scope_choices(user)
    return choices[0][0] if choices else ""


def scope_for(user, key: str, *, pathway_kind: str = "") -> Scope:
    """The scope `key` if the user may read it; 404 otherwise (an organization or a
    territory one may not read is not told to exist)."""
    if pathway_kind and pathway_kind not in PathwayKind.values:
        pathway_kind = ""
    kind, _, code = (key or "").partition(":")
    if kind == "organisation" and code.isdigit():
        organization = Organization.objects.filter(pk=int(code)).first()
        if organization is not None and (
            user.is_staff or can(user, Capability.VIEW_ORGANIZATION, organization)
        ):
            return _organization_scope(organization, pathway_kind)
    elif kind in ("epci", "departement") and (user.is_staff or key in dict(territory_keys(user))):
        scope = territory_scope(key, pathway_kind)
        if scope is not None:
            return scope
    elif kind == "financeur" and (user.is_staff or key in dict(funder_keys(user))):
        scope = funder_scope(key, pathway_kind)
        if scope is not None:
            return scope
    raise Http404(UNKNOWN)
