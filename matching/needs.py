"""The needs of a territory as a user may read them (seed 000's « méta-employeur », seed
002's crossing of an employer group's needs with the people of the SIAE it works with).

For an area (an EPCI, or a commune and a radius): per ROME family, the positions of
the published offers of the area against the people of the area who wish the family,
with the companies of the area whose sector hires for it (`jobs.SectorHiring`); the
barriers whose lifting would open the most introductions, each with the partner
services of the area that lift it; for an employer group, the families its member
companies recruit for against the wishes of the people of the structures it works with.

Everything about people is a count. The only people named are those the user follows
(the team's view), in the group's crossing: their wishes are no secret to their team.
The figures come from the engine (`matching.territory`) over this process's feature
store, so they say what the candidate rankings say."""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q

from access.policy import Capability, active_memberships, can
from barriers.models import BarrierItem
from companies.models import ClubMembership, Company, GroupMembership
from companies.naf import naf_key
from jobs.models import RomeFamily, SectorHiring
from matching import territory
from matching.arrays import BARRIERS, unit_vectors
from matching.features import feature_store, today_day
from offers.enums import OfferState
from offers.models import JobOffer
from organizations.models import Organization
from partner_services.models import ServiceTheme
from pathways.models import Pathway
from persons.models import Person, Wish
from territories.models import EPCI, Commune
from territories.selectors import communes_within

COMPANIES_PER_FAMILY = 5
SERVICES_PER_BARRIER = 3
# A family or health barrier counted over fewer people than this is shown only to those
# who may see barriers: to a prescriber, « 1 personne » of a small area may be someone
# they know.
FEWEST_SENSITIVE = 3

# What is lifted, as the sentence « Lever … de 4 personnes ouvrirait 11 mises en
# relation » says it.
LIFTED = {
    "mobilite-sans-permis": "l'absence de permis",
    "mobilite-permis-suspendu": "la suspension de permis",
    "mobilite-sans-vehicule": "l'absence de véhicule",
    "mobilite-transports-en-commun": "la dépendance aux transports en commun",
    "mobilite-horaires-decales": "le transport aux heures décalées",
    "famille-garde-moins-3-ans": "la garde d'enfants de moins de 3 ans",
    "famille-periscolaire": "la garde périscolaire",
    "famille-proche-dependant": "la charge d'un proche dépendant",
    "sante-port-de-charges": "la restriction de port de charges",
    "sante-station-debout": "la restriction de station debout",
    "langue-francais-a-apprendre": "l'apprentissage du français",
    "langue-lecture-ecriture": "la lecture et l'écriture",
}
assert set(LIFTED) == {b.code for b in BARRIERS}


@dataclass(frozen=True)
class Area:
    label: str
    communes: list[Commune]
    epci: EPCI | None = None
    commune: Commune | None = None
    radius_km: int | None = None

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.communes]


def area_of(*, epci=None, commune=None, radius_km=None) -> Area:
    if epci is not None:
        communes = list(Commune.objects.filter(epci=epci).order_by("code"))
        return Area(label=epci.name, communes=communes, epci=epci)
    around = [n.commune for n in communes_within(commune, radius_km)]
    return Area(
        label=f"{radius_km} km autour de {commune.name} ({commune.code})",
        communes=[commune, *around],
        commune=commune,
        radius_km=radius_km,
    )


def epci_choices(user, chosen=None) -> list[EPCI]:
    """The EPCI the area chooser offers: those of the départements of the user's
    organizations, and those they serve (any other is typed as its code)."""
    organizations = Organization.objects.filter(
        pk__in=[m.organization_id for m in active_memberships(user)]
    )
    departments = organizations.values("commune__department_id")
    epcis = EPCI.objects.filter(
        Q(communes__department_id__in=departments)
        | Q(pk__in=organizations.values("served_epcis"))
        | Q(pk=getattr(chosen, "pk", None))
    )
    return list(epcis.distinct().order_by("name"))


@dataclass(frozen=True)
class CompanyRef:
    id: int
    name: str
    commune: str


@dataclass(frozen=True)
class FamilyNeed:
    code: str
    name: str
    offers: int
    positions: int
    people: int
    people_followed: int
    feasible: int
    feasible_if: int
    companies: list[CompanyRef]


@dataclass(frozen=True)
class ServiceRef:
    id: int
    name: str
    structure: str
    commune: str


@dataclass(frozen=True)
class BarrierToLift:
    code: str
    label: str
    theme: str
    theme_label: str
    sensitive: bool
    people: int
    people_followed: int
    introductions: int
    services: list[ServiceRef]
    thematiques: list[str]

    @property
    def sentence(self) -> str:
        people = f"{self.people} personne{'s' if self.people > 1 else ''}"
        opened = f"{self.introductions} mise{'s' if self.introductions > 1 else ''} en relation"
        return f"Lever {LIFTED[self.code]} de {people} ouvrirait {opened}"


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str


@dataclass(frozen=True)
class GroupNeed:
    code: str
    name: str
    offers: int
    positions: int
    companies: list[str]
    people: int  # people of the structures working with the group who wish the family
    followed: list[PersonRef]  # of them, those the user follows


@dataclass(frozen=True)
class GroupCrossing:
    id: int
    name: str
    members: list[CompanyRef]
    structures: list[str]  # the organizations whose club holds the group
    people: int  # their people (open pathway there), counted
    needs: list[GroupNeed]


@dataclass(frozen=True)
class GroupChoice:
    id: int
    name: str


@dataclass
class TerritoryNeeds:
    area: Area
    people: int
    people_followed: int
    offers: int
    positions: int
    pairs: int
    families: list[FamilyNeed]
    barriers: list[BarrierToLift]
    groups: list[GroupChoice] = field(default_factory=list)
    groups_from_area: bool = False  # no group works with the user's organizations
    group: GroupCrossing | None = None

    @property
    def first_barrier(self) -> BarrierToLift | None:
        return self.barriers[0] if self.barriers else None


def _points(communes) -> np.ndarray:
    """The unit vectors of the communes, each computed as the feature store computes a
    person's (one commune at a time), so that they compare bit for bit."""
    known = [c for c in communes if c.latitude is not None and c.longitude is not None]
    if not known:
        return np.empty((0, 3), dtype=np.float32)
    return np.stack([unit_vectors([c.latitude], [c.longitude])[0] for c in known])


def _followed_ids(user) -> np.ndarray:
    return np.fromiter(
        Person.objects.followed_by(user).values_list("pk", flat=True), dtype=np.int64
    )


def territory_needs(user, organization, area: Area, *, group_id: int | None = None):
    """The figures of `area` for `user` acting for `organization`. A `group_id` the
    user may not choose raises LookupError."""
    codes = area.codes
    offers_here = list(
        JobOffer.objects.filter(state=OfferState.PUBLISHED, commune_id__in=codes).values_list(
            "pk", flat=True
        )
    )
    followed = _followed_ids(user)
    store = feature_store()
    with store.reading() as (persons, offers, vocabulary):
        person_rows = territory.rows_at(persons.xyz, _points(area.communes))
        offer_rows = store.offer_rows(offers_here)
        pool = np.isin(persons.ids, followed)
        found = territory.figures(
            persons,
            offers,
            vocabulary,
            person_rows,
            offer_rows,
            pool=pool,
            today=today_day(),
        )
        families = [vocabulary.families[f.family] for f in found.families]
    names = dict(RomeFamily.objects.filter(code__in=families).values_list("code", "name"))
    hiring = _hiring_companies(codes, families)
    needs = TerritoryNeeds(
        area=area,
        people=found.people,
        people_followed=int(pool[person_rows].sum()) if len(person_rows) else 0,
        offers=found.offers,
        positions=found.positions,
        pairs=found.pairs,
        families=[
            FamilyNeed(
                code=code,
                name=names.get(code, code),
                offers=f.offers,
                positions=f.positions,
                people=f.people,
                people_followed=f.people_in_pool,
                feasible=f.feasible,
                feasible_if=f.feasible_if,
                companies=hiring.get(code, []),
            )
            for code, f in zip(families, found.families, strict=True)
        ],
        barriers=_barriers(
            found.barriers, codes, few_allowed=can(user, Capability.SEE_BARRIERS, organization)
        ),
    )
    needs.groups, needs.groups_from_area = group_choices(organization, area)
    if group_id is not None:
        if group_id not in {g.id for g in needs.groups}:
            raise LookupError(group_id)
        needs.group = group_crossing(user, group_id)
    return needs


def _hiring_companies(codes, families) -> dict[str, list[CompanyRef]]:
    """For each family, the companies of the area whose sector hires for it, the sector
    that hires the most first."""
    hirings = defaultdict(dict)
    for rome, naf, count in SectorHiring.objects.filter(rome_id__in=families).values_list(
        "rome_id", "naf_code", "hirings"
    ):
        hirings[rome][naf_key(naf)] = count
    companies = defaultdict(list)
    for pk, name, naf, commune in (
        Company.objects.filter(commune_id__in=codes)
        .exclude(naf_code="")
        .values_list("pk", "name", "naf_code", "commune__name")
    ):
        companies[naf_key(naf)].append(CompanyRef(pk, name, commune))
    found = {}
    for family in families:
        ranked = sorted(
            (
                (-count, company.name, company.id, company)
                for naf, count in hirings[family].items()
                for company in companies.get(naf, ())
            ),
        )
        found[family] = [company for *_, company in ranked[:COMPANIES_PER_FAMILY]]
    return found


def _barriers(found, codes, *, few_allowed: bool) -> list[BarrierToLift]:
    items = {
        i.code: i
        for i in BarrierItem.objects.filter(code__in=[b.code for b in found]).select_related(
            "theme"
        )
    }
    wanted = {value for item in items.values() for value in item.lifted_by}
    services = defaultdict(list)
    for theme in (
        ServiceTheme.objects.filter(value__in=wanted, service__commune_id__in=codes)
        .select_related("service__commune")
        .order_by("service__name", "service_id")
    ):
        services[theme.value].append(theme.service)
    out = []
    for b in found:
        item = items.get(b.code)
        if item is None:  # the referential lost an item the engine still knows
            continue
        if item.theme.is_sensitive and b.people < FEWEST_SENSITIVE and not few_allowed:
            continue
        lifting = []
        for value in item.lifted_by:
            for service in services[value]:
                if service.pk not in {s.id for s in lifting}:
                    lifting.append(
                        ServiceRef(
                            service.pk, service.name, service.structure_name, service.commune.name
                        )
                    )
        out.append(
            BarrierToLift(
                code=b.code,
                label=item.label,
                theme=item.theme.code,
                theme_label=item.theme.label,
                sensitive=item.theme.is_sensitive,
                people=b.people,
                people_followed=b.people_in_pool,
                introductions=b.introductions,
                services=lifting[:SERVICES_PER_BARRIER],
                thematiques=list(item.lifted_by),
            )
        )
    return out


# --- employer groups --------------------------------------------------------------------


def group_choices(organization, area: Area) -> tuple[list[GroupChoice], bool]:
    """The employer groups in the club of the organization the user acts for; when there
    is none, the groups with a member company (or their seat) in the area, and True to
    say so."""
    club = Company.objects.filter(
        is_employer_group=True,
        pk__in=ClubMembership.objects.filter(organization=organization).values("company_id"),
    )
    groups = list(club.order_by("name", "id").values_list("pk", "name"))
    from_area = not groups
    if from_area:
        members_here = GroupMembership.objects.filter(member__commune_id__in=area.codes).active()
        groups = list(
            Company.objects.filter(is_employer_group=True)
            .filter(Q(pk__in=members_here.values("group_id")) | Q(commune_id__in=area.codes))
            .order_by("name", "id")
            .values_list("pk", "name")
        )
    return [GroupChoice(pk, name) for pk, name in groups], from_area


def group_crossing(user, group_id: int) -> GroupCrossing:
    group = Company.objects.get(pk=group_id, is_employer_group=True)
    members = list(
        Company.objects.filter(
            pk__in=GroupMembership.objects.filter(group=group).active().values("member_id")
        )
        .select_related("commune")
        .order_by("name", "id")
    )
    employers = [group.pk, *(m.pk for m in members)]
    structures = list(
        Organization.objects.filter(
            pk__in=ClubMembership.objects.filter(company=group).values("organization_id")
        ).order_by("name")
    )
    people = set(
        Pathway.objects.open()
        .filter(organization__in=structures)
        .values_list("person_id", flat=True)
        .distinct()
    )
    people &= set(Person.objects.active().filter(pk__in=people).values_list("pk", flat=True))
    followed = set(
        Person.objects.followed_by(user).filter(pk__in=people).values_list("pk", flat=True)
    )
    needs = defaultdict(lambda: {"offers": 0, "positions": 0, "companies": set()})
    for family, positions, company in JobOffer.objects.filter(
        state=OfferState.PUBLISHED, company_id__in=employers
    ).values_list("appellation__rome_id", "positions", "company__name"):
        needs[family]["offers"] += 1
        needs[family]["positions"] += positions
        needs[family]["companies"].add(company)
    wishing = defaultdict(set)
    for person, family in Wish.objects.filter(
        person_id__in=people, appellation__rome_id__in=list(needs)
    ).values_list("person_id", "appellation__rome_id"):
        wishing[family].add(person)
    names = dict(RomeFamily.objects.filter(code__in=list(needs)).values_list("code", "name"))
    shown = {
        p.pk: p
        for p in Person.objects.filter(pk__in={p for s in wishing.values() for p in s} & followed)
    }
    rows = [
        GroupNeed(
            code=family,
            name=names.get(family, family),
            offers=need["offers"],
            positions=need["positions"],
            companies=sorted(need["companies"]),
            people=len(wishing[family]),
            followed=sorted(
                (
                    PersonRef(pk, f"{shown[pk].first_name} {shown[pk].last_name}")
                    for pk in wishing[family]
                    if pk in shown
                ),
                key=lambda p: (p.name, p.id),
            ),
        )
        for family, need in needs.items()
    ]
    rows.sort(key=lambda n: (-n.positions, -n.people, n.code))
    return GroupCrossing(
        id=group.pk,
        name=group.name,
        members=[CompanyRef(m.pk, m.name, m.commune.name) for m in members],
        structures=[s.name for s in structures],
        people=len(people),
        needs=rows,
    )
