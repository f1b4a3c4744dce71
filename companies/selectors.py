"""Reads about companies: the register search with the organization's relations shown,
a company's page, the next steps due, and « Entreprises à contacter » — the companies of
the territory whose sector hires for the jobs the people of the pool want.

The matching itself (`rank_companies`) is pure Python over plain data, so it can be
tested and reasoned about alone; `companies_to_approach` feeds it from the database."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from companies.enums import Engagement, ProposalState
from companies.models import (
    ClubMembership,
    Company,
    CompanyTag,
    Contact,
    ContactLogEntry,
    GroupMembership,
)
from companies.naf import canonical_naf, naf_key
from jobs.models import RomeFamily, SectorHiring
from lib.search import query_words
from lib.text import lower_start, of
from offers.enums import OfferState
from offers.models import JobOffer
from pathways.models import Pathway
from persons.models import Person, Wish
from territories.selectors import communes_within


def company_search(
    user,
    organization,
    *,
    q: str = "",
    division: str = "",
    commune=None,
    radius_km: float = 20,
    club_only: bool = False,
    tag: str = "",
    due_only: bool = False,
):
    """Companies of the register, each with `club_engagement`, `next_due` (the nearest
    open next step of `organization`) and `org_tags` (its tags) — a constant number of
    queries for a page, whatever its length."""
    companies = Company.objects.visible_to(user).select_related("commune")
    for word in query_words(q):
        if word.isdigit():
            companies = companies.filter(siret__startswith=word)
        else:
            companies = companies.filter(Q(search_name__contains=word) | Q(name__icontains=word))
    if division:
        companies = companies.filter(naf_code__startswith=division)
    if commune is not None:
        around = [n.commune.pk for n in communes_within(commune, radius_km)] + [commune.pk]
        companies = companies.filter(commune_id__in=around)
    club = ClubMembership.objects.filter(organization=organization, company=OuterRef("pk"))
    open_steps = ContactLogEntry.objects.filter(
        organization=organization, company=OuterRef("pk")
    ).open_next_steps()
    companies = companies.annotate(
        club_engagement=_club_label(organization),
        next_due=Subquery(open_steps.order_by("next_step_due").values("next_step_due")[:1]),
    )
    if club_only:
        companies = companies.filter(Exists(club))
    if tag:
        companies = companies.filter(
            Exists(
                CompanyTag.objects.filter(
                    organization=organization, company=OuterRef("pk"), label=tag
                )
            )
        )
    if due_only:
        companies = companies.filter(
            Exists(open_steps.filter(next_step_due__lte=timezone.localdate()))
        )
    return companies.prefetch_related(
        Prefetch(
            "tags",
            queryset=CompanyTag.objects.filter(organization=organization),
            to_attr="org_tags",
        )
    ).order_by("name", "id")


def own_record(organization) -> Company | None:
    """The register's record of an employer's own account (None before its first
    offer), with the structures' proposals waiting for its answer: `waiting` (how many)
    and `waiting_since` (the oldest). One query, for the space's « À faire » and its
    link to the record."""
    waiting = Q(proposals__state=ProposalState.PROPOSED)
    return (
        Company.objects.filter(organization=organization)
        .annotate(
            waiting=Count("proposals", filter=waiting),
            waiting_since=Min("proposals__created_at", filter=waiting),
        )
        .order_by("pk")
        .first()
    )


def tag_labels(organization) -> list[str]:
    return list(
        CompanyTag.objects.filter(organization=organization)
        .order_by("label")
        .values_list("label", flat=True)
        .distinct()
    )


def _club_label(organization):
    """The label of the company's engagement in the organization's club, or None."""
    label = Case(
        *[When(engagement=value, then=Value(text)) for value, text in Engagement.choices],
        output_field=CharField(),
    )
    club = ClubMembership.objects.filter(organization=organization, company=OuterRef("pk"))
    return Subquery(club.annotate(label=label).values("label")[:1])


def pool_of(user, organization):
    """The persons the organization follows (an open pathway there, or created by it),
    among those the user may see."""
    pathways = Pathway.objects.open().filter(organization=organization)
    return Person.objects.followed_by(user).filter(
        Q(pk__in=pathways.values("person_id")) | Q(created_by_organization=organization)
    )


def companies_in_relation(organization):
    """Companies the organization works with: in its club, or with its contacts or log."""
    return Company.objects.filter(
        Q(pk__in=ClubMembership.objects.of(organization).values("company_id"))
        | Q(pk__in=Contact.objects.of(organization).values("company_id"))
        | Q(pk__in=ContactLogEntry.objects.of(organization).values("company_id"))
    ).order_by("name", "id")


def company_log(user, organization, company):
    return (
        ContactLogEntry.objects.visible_to(user)
        .of(organization)
        .filter(company=company)
        .select_related("contact", "by")
    )


def next_steps(user, organization, *, mine: bool = False):
    """Open next steps of the organization (or the user's own), the overdue first."""
    steps = (
        ContactLogEntry.objects.visible_to(user)
        .of(organization)
        .open_next_steps()
        .select_related("company__commune", "contact", "by")
    )
    if mine:
        steps = steps.filter(by=user)
    return steps.order_by("next_step_due", "company__name", "id")


# --- « Entreprises à contacter » ----------------------------------------------------------


@dataclass(frozen=True)
class Wanted:
    """A ROME family wished by `people` persons of the pool."""

    rome: str
    rome_name: str
    people: int


@dataclass(frozen=True)
class Hiring:
    rome: str
    naf: str  # key: without the dot
    naf_label: str
    hirings: int


# Temporary-work agencies, placement and employer groups (NAF division 78) hire for their
# client or member companies: their own sector says nothing of the jobs they fill.
INTERMEDIARY_DIVISION = "78"
# A published offer for a wished job weighs as a sector that hired this many people.
OFFER_WEIGHT = 10_000


class Via:
    """Why a company is suggested: its own sector, its member companies' sectors (an
    employer group), or an offer it published."""

    SECTOR = "sector"
    MEMBERS = "members"
    OFFER = "offer"


@dataclass(frozen=True)
class Reason:
    rome: str
    rome_name: str
    people: int
    naf: str = ""
    naf_label: str = ""
    hirings: int = 0
    via: str = Via.SECTOR
    # Member companies in that sector (Via.MEMBERS) or the offer's job (Via.OFFER).
    names: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        if self.via == Via.OFFER:
            return self.people * OFFER_WEIGHT
        return self.people * self.hirings

    @property
    def text(self) -> str:
        people = (
            f"{self.people} personnes de votre vivier souhaitent"
            if self.people > 1
            else "1 personne de votre vivier souhaite"
        )
        wish = f"{people} un métier « {self.rome_name} » ({self.rome})"
        if self.via == Via.OFFER:
            return f"{wish} ; l'entreprise a publié une offre {of(self.names[0])}"
        hirings = f"{self.hirings:,}".replace(",", "\u202f")
        sector = f"{canonical_naf(self.naf)} {self.naf_label}"
        hired = f"a embauché {hirings} personne{'s' if self.hirings > 1 else ''} pour ces métiers"
        if self.via == Via.MEMBERS:
            return (
                f"{wish} ; ses entreprises adhérentes recrutent en {sector} "
                f"({', '.join(self.names)}), un secteur qui {hired}"
            )
        return f"{wish} ; ce secteur ({sector}) {hired}"


@dataclass
class Suggestion:
    company_id: int
    reasons: list[Reason] = field(default_factory=list)
    company: Company | None = None

    @property
    def score(self) -> int:
        return sum(reason.score for reason in self.reasons)


@dataclass(frozen=True)
class Candidate:
    """A company that may be suggested, as plain data: its sector, whether it is an
    employer group, its active member companies (name, NAF code) and the jobs of its
    published offers (ROME family, job name)."""

    id: int
    naf: str
    employer_group: bool = False
    members: tuple[tuple[str, str], ...] = ()
    offers: tuple[tuple[str, str], ...] = ()

    @property
    def is_intermediary(self) -> bool:
        return self.employer_group or naf_key(self.naf).startswith(INTERMEDIARY_DIVISION)


def rank_companies(
    wanted: list[Wanted], hirings: list[Hiring], companies: list[tuple[int, str] | Candidate]
) -> list[Suggestion]:
    """Companies ranked by Σ hirings × people over the wished families their sector hires
    for — an employer group or a temporary-work agency (78.xx) through its member
    companies' sectors, never its own — plus the offers they published for a wished job;
    each with its reasons, strongest first. Pure: no database."""
    by_rome = {w.rome: w for w in wanted}
    hirings_by_naf: dict[str, list[tuple[Wanted, Hiring]]] = defaultdict(list)
    for hiring in hirings:
        wish = by_rome.get(hiring.rome)
        if wish is None or hiring.hirings <= 0:
            continue
        hirings_by_naf[naf_key(hiring.naf)].append((wish, hiring))
    suggestions = []
    for company in companies:
        if not isinstance(company, Candidate):
            company = Candidate(*company)
        reasons = _offer_reasons(company, by_rome)
        if company.is_intermediary:
            reasons += _member_reasons(company, hirings_by_naf)
        else:
            reasons += [
                _reason(wish, hiring, Via.SECTOR)
                for wish, hiring in hirings_by_naf.get(naf_key(company.naf), ())
            ]
        if reasons:
            ordered = sorted(reasons, key=lambda r: (-r.score, r.rome, r.via))
            suggestions.append(Suggestion(company_id=company.id, reasons=ordered))
    suggestions.sort(key=lambda s: (-s.score, s.company_id))
    return suggestions


def _reason(wish: Wanted, hiring: Hiring, via: str, names: tuple[str, ...] = ()) -> Reason:
    return Reason(
        rome=wish.rome,
        rome_name=wish.rome_name,
        people=wish.people,
        naf=naf_key(hiring.naf),
        naf_label=hiring.naf_label,
        hirings=hiring.hirings,
        via=via,
        names=names,
    )


def _member_reasons(company: Candidate, hirings_by_naf) -> list[Reason]:
    """One reason per member sector and wished family: members of one sector count once."""
    names_by_naf: dict[str, list[str]] = defaultdict(list)
    for name, naf in company.members:
        if not naf_key(naf).startswith(INTERMEDIARY_DIVISION):
            names_by_naf[naf_key(naf)].append(name)
    return [
        _reason(wish, hiring, Via.MEMBERS, tuple(sorted(names)))
        for naf, names in sorted(names_by_naf.items())
        for wish, hiring in hirings_by_naf.get(naf, ())
    ]


def _offer_reasons(company: Candidate, by_rome: dict[str, Wanted]) -> list[Reason]:
    """One reason per wished family the company published an offer for."""
    reasons, seen = [], set()
    for rome, job in sorted(company.offers):
        wish = by_rome.get(rome)
        if wish is None or rome in seen:
            continue
        seen.add(rome)
        reasons.append(
            Reason(
                rome=wish.rome,
                rome_name=wish.rome_name,
                people=wish.people,
                via=Via.OFFER,
                names=(lower_start(job),),
            )
        )
    return reasons


def wanted_families(persons) -> list[Wanted]:
    """ROME families wished by the persons, with how many persons wish each."""
    pairs = set(
        Wish.objects.filter(person__in=persons).values_list("person_id", "appellation__rome_id")
    )
    counts: dict[str, int] = defaultdict(int)
    for _, rome in pairs:
        counts[rome] += 1
    names = dict(RomeFamily.objects.filter(code__in=counts).values_list("code", "name"))
    return [Wanted(rome, names.get(rome, rome), n) for rome, n in sorted(counts.items())]


def territory_communes(organization) -> Q:
    """The communes the organization serves: its EPCI and its single communes."""
    epcis = list(organization.served_epcis.values_list("pk", flat=True))
    communes = list(organization.served_communes.values_list("pk", flat=True))
    return Q(commune__epci_id__in=epcis) | Q(commune_id__in=communes)


def companies_to_approach(user, organization, persons) -> list[Suggestion]:
    """Companies of the organization's territory whose sector hires for the jobs the
    `persons` (its pool) want — employer groups and temporary-work agencies through their
    member companies — or that published an offer for one, ranked, with the reasons; a
    few queries in all."""
    wanted = wanted_families(persons)
    if not wanted:
        return []
    romes = [w.rome for w in wanted]
    hirings = [
        Hiring(h.rome_id, h.naf_code, h.naf_label, h.hirings)
        for h in SectorHiring.objects.filter(rome_id__in=romes)
    ]
    keys = {naf_key(h.naf) for h in hirings}
    naf_codes = keys | {canonical_naf(k) for k in keys}
    here = Company.objects.visible_to(user).filter(territory_communes(organization))
    intermediary = Q(is_employer_group=True) | Q(naf_code__startswith=INTERMEDIARY_DIVISION)
    offers = _published_offers(here, romes)
    rows = here.filter(
        Q(naf_code__in=naf_codes) | intermediary | Q(pk__in=list(offers))
    ).values_list("pk", "naf_code", "is_employer_group")
    members = _active_members([pk for pk, naf, group in rows if group or naf.startswith("78")])
    candidates = [
        Candidate(
            id=pk,
            naf=naf,
            employer_group=group,
            members=tuple(members.get(pk, ())),
            offers=tuple(offers.get(pk, ())),
        )
        for pk, naf, group in rows
    ]
    ranked = rank_companies(wanted, hirings, candidates)
    by_id = {
        c.pk: c
        for c in Company.objects.filter(pk__in=[s.company_id for s in ranked])
        .select_related("commune")
        .annotate(club_engagement=_club_label(organization))
    }
    for suggestion in ranked:
        suggestion.company = by_id[suggestion.company_id]
    return ranked


def _active_members(group_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Member companies (name, NAF code) of each group, those members today."""
    members: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if not group_ids:
        return members
    rows = (
        GroupMembership.objects.filter(group_id__in=group_ids)
        .active()
        .values_list("group_id", "member__name", "member__naf_code")
    )
    for group_id, name, naf in rows:
        members[group_id].append((name, naf))
    return members


def _published_offers(companies, romes) -> dict[int, list[tuple[str, str]]]:
    """(ROME family, job) of the published offers for wished jobs, by company of
    `companies`: the employer, and the employer group that published it for a member."""
    rows = (
        JobOffer.objects.filter(state=OfferState.PUBLISHED, appellation__rome_id__in=romes)
        .filter(Q(company__in=companies) | Q(organization__company__in=companies))
        .values_list(
            "company_id", "organization__company", "appellation__rome_id", "appellation__name"
        )
    )
    allowed = set(companies.values_list("pk", flat=True)) if rows else set()
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for company_id, publisher_id, rome, job in rows:
        for pk in {company_id, publisher_id} & allowed:
            found[pk].append((rome, job))
    return found
