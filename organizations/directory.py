"""Reads of the structure directory: the organizations that accompany people and take
referrals, searched by distance, kind, jobs offered and barrier themes handled.

The directory is open to every professional (a structure's card holds what it publishes
for prescribers: no member, no person); its public subset, for self-referral, holds only
the structures open to referrals now."""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from organizations.enums import KindGroup, kinds_of
from organizations.models import Organization
from territories.selectors import communes_within

# The organizations one refers a person to: they accompany (with or without employing)
# or lift barriers.
DIRECTORY_GROUPS = (
    KindGroup.INCLUSION_EMPLOYER,
    KindGroup.EMPLOYMENT_HUB,
    KindGroup.PARTNER_SERVICE,
)
DIRECTORY_KINDS = [kind for group in DIRECTORY_GROUPS for kind in kinds_of(group)]


@dataclass(frozen=True)
class Found:
    organization: Organization
    distance_km: float | None


def directory_structures():
    """Every structure of the directory (the queryset the search and the cards start
    from)."""
    return Organization.objects.filter(kind__in=DIRECTORY_KINDS).select_related("commune")


def public_structures():
    """The structures a person may apply to from the public page."""
    return directory_structures().filter(accepts_referrals=True)


def structures_search(
    *,
    commune=None,
    radius_km: float = 30,
    kind: str = "",
    rome=None,
    theme=None,
    open_now: bool = False,
    public: bool = False,
) -> list[Found]:
    """Structures matching the filters. With a commune: those whose own commune is
    within `radius_km`, nearest first, with their distance; without: by name.

    The directory holds a few thousand structures at most, so the list is built whole;
    the page shown gets its jobs and themes with `with_profile`."""
    structures = public_structures() if public else directory_structures()
    if kind:
        structures = structures.filter(kind=kind)
    if rome is not None:
        structures = structures.filter(referral_jobs=rome)
    if theme is not None:
        structures = structures.filter(referral_themes=theme)
    if open_now:
        structures = structures.filter(accepts_referrals=True)
    if commune is None:
        return [Found(o, None) for o in structures.order_by("name", "id")]
    distances = {n.commune.pk: n.distance_km for n in communes_within(commune, radius_km)}
    distances[commune.pk] = 0.0
    found = [
        Found(organization, distances[organization.commune_id])
        for organization in structures.filter(commune_id__in=list(distances))
    ]
    found.sort(key=lambda f: (f.distance_km, f.organization.name, f.organization.pk))
    return found


def with_profile(found: list[Found]) -> list[Found]:
    """The page's structures with their jobs and themes: two queries for the page."""
    prefetch_related_objects([f.organization for f in found], "referral_jobs", "referral_themes")
    return found


def structure_card(pk: int) -> Organization | None:
    """One structure of the directory with what its card shows."""
    return (
        directory_structures()
        .prefetch_related("referral_jobs", "referral_themes", "served_epcis", "served_communes")
        .filter(pk=pk)
        .first()
    )
