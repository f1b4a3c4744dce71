"""Reads of partner services: the directory search by theme and distance, the services
that lift a person's barriers, and what a user may do with a referral."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from access.models import PersonAccess
from access.policy import active_memberships
from lib.search import query_words
from lib.text import normalize
from partner_services import state_machine
from partner_services.enums import ReferralState
from partner_services.models import Service, ServiceReferral, ServiceReferralTransition
from persons.levels import Level
from persons.models import Person
from territories.selectors import communes_within

# The inbox's orders: what waits for an answer first, the oldest at the top, by default.
INBOX_SORTS = {
    "": "À traiter d'abord, les plus anciennes en tête",
    "anciennes": "Les plus anciennes d'abord",
    "recentes": "Les plus récentes d'abord",
}
# How long the sender's worklist shows a partner's answer.
ANSWER_SHOWN_DAYS = 14


@dataclass(frozen=True)
class Found:
    service: Service
    distance_km: float | None


def _search_text(service: Service) -> str:
    return normalize(f"{service.name} {service.structure_name} {service.description}")


class _Listing:
    """A queryset of services seen as a sequence of Found (no distance), so Paginator
    slices it in SQL: the directory without a commune can be the whole import."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [Found(service, None) for service in self.queryset[index]]
        return Found(self.queryset[index], None)


def services_search(user, *, theme: str = "", commune=None, radius_km: float = 30, q: str = ""):
    """Services matching the filters, as a sequence of Found for Paginator.

    With a commune: those within `radius_km` of it, nearest first, with their distance.
    The area holds a few hundred services at most, so the text filter runs in Python,
    accents and case ignored. Without a commune: by name, text matched in SQL
    (`icontains` per word), paged by the database."""
    services = Service.objects.visible_to(user).select_related("commune")
    if theme:
        services = services.with_theme(theme)
    words = query_words(q)
    if commune is None:
        for word in words:
            services = services.filter(
                Q(name__icontains=word)
                | Q(structure_name__icontains=word)
                | Q(description__icontains=word)
            )
        return _Listing(services.order_by("name", "id"))
    distances = {n.commune.pk: n.distance_km for n in communes_within(commune, radius_km)}
    distances[commune.pk] = 0.0
    found = [
        Found(service, distances[service.commune_id])
        for service in services.filter(commune_id__in=list(distances))
        if all(word in _search_text(service) for word in words)
    ]
    found.sort(key=lambda f: (f.distance_km, f.service.name, f.service.pk))
    return found


def services_lifting(barriers, commune, *, radius_km: float = 30, per_barrier: int = 3):
    """{barrier id: [Found, …]}: for each barrier, the nearest services whose
    thématiques lift it (the item's `lifted_by`), within `radius_km` of `commune`.
    Two queries whatever the number of barriers (communes around, then services)."""
    if commune is None or not barriers:
        return {barrier.pk: [] for barrier in barriers}
    distances = {n.commune.pk: n.distance_km for n in communes_within(commune, radius_km)}
    distances[commune.pk] = 0.0
    wanted = {value for barrier in barriers for value in barrier.item.lifted_by}
    services = (
        Service.objects.filter(commune_id__in=list(distances), themes__value__in=wanted)
        .select_related("commune")
        .distinct()
    )
    ranked = sorted(services, key=lambda s: (distances[s.commune_id], s.name, s.pk))
    result = {}
    for barrier in barriers:
        lifting = set(barrier.item.lifted_by)
        result[barrier.pk] = [
            Found(service, distances[service.commune_id])
            for service in ranked
            if lifting.intersection(service.thematiques)
        ][:per_barrier]
    return result


def _organization_ids(user) -> list[int]:
    return [m.organization_id for m in active_memberships(user)]


def referral_moves(referral: ServiceReferral, user, *, is_sender=None) -> tuple[str, ...]:
    """The states `user` may move this referral to: the partner answers, the sending
    team (who follows the person) cancels, and records the answer of a partner that is
    not on Parcours. A caller that already knows whether the user follows the person
    passes `is_sender` and saves a query per referral."""
    is_partner = (
        referral.service.organization_id is not None
        and referral.service.organization_id in _organization_ids(user)
    )
    if is_sender is None:
        is_sender = Person.objects.followed_by(user).filter(pk=referral.person_id).exists()
    return state_machine.moves_for(
        referral.state,
        is_partner=is_partner,
        is_sender=is_sender,
        partner_on_parcours=referral.service.organization_id is not None,
    )


def referrals_with_history(queryset):
    return queryset.select_related(
        "person",
        "service__organization",
        "service__commune",
        "from_organization",
        "by",
        "barrier__item",
    ).prefetch_related(
        Prefetch("transitions", queryset=ServiceReferralTransition.objects.select_related("by"))
    )


def inbox(user, organization, *, state: str = "", sort: str = ""):
    """Referrals addressed to the services of `organization`: by default those waiting
    for the partner (to answer, then to say it was done) first, the oldest at the top."""
    return inbox_of(user, [organization], state=state, sort=sort)


def inbox_of(user, organizations, *, state: str = "", sort: str = ""):
    """`inbox` of several organizations at once (the API, which has no session)."""
    referrals = ServiceReferral.objects.visible_to(user).filter(
        service__organization__in=list(organizations)
    )
    if state:
        referrals = referrals.filter(state=state)
    if sort == "recentes":
        referrals = referrals.order_by("-created_at", "-id")
    elif sort == "anciennes":
        referrals = referrals.order_by("created_at", "id")
    else:
        waiting = Case(
            When(state__in=state_machine.OPEN_STATES, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        referrals = referrals.order_by(waiting, "created_at", "id")
    return referrals_with_history(referrals)


def inbox_referral(user, referral_id: int) -> ServiceReferral:
    """One referral addressed to a service of the user's organizations, for its page;
    404 for any other (the sending team reads it on the person's tab)."""
    return get_object_or_404(
        referrals_with_history(
            ServiceReferral.objects.filter(service__organization_id__in=_organization_ids(user))
        ),
        pk=referral_id,
    )


def _followed_by_team(user, organization):
    """The persons `organization` follows with the team's view, for `user` (the access
    ledger): the worklist's rows start from there, so they cost what it holds."""
    return (
        PersonAccess.objects.for_user(user, [organization.pk])
        .filter(level__gte=Level.TEAM)
        .values("person_id")
    )


def waiting_on_partners(user, organization):
    """The organization's service referrals still waiting for the partner's answer, of
    the persons it follows, the oldest first."""
    return (
        ServiceReferral.objects.filter(
            from_organization=organization,
            state=ReferralState.SENT,
            person_id__in=_followed_by_team(user, organization),
        )
        .select_related("person", "service", "by")
        .order_by("created_at", "id")
    )


def answered_lately(user, organization, *, days: int = ANSWER_SHOWN_DAYS, now=None):
    """The organization's service referrals a partner answered in the last `days` days
    (accepted, refused, done), of the persons it follows, the latest answer first."""
    since = (now or timezone.now()) - timedelta(days=days)
    return (
        ServiceReferral.objects.filter(
            from_organization=organization,
            state__in=state_machine.PARTNER_MOVES,
            answered_at__gte=since,
            person_id__in=_followed_by_team(user, organization),
        )
        .select_related("person", "service")
        .order_by("-answered_at", "-id")
    )


def to_answer(organization):
    """The referrals the organization's services must act on: answer those sent, say
    when the accepted ones were done; the oldest first.

    The organization's services are read first, by id: joined in one query, the planner
    sorted every open referral of the platform before finding the organization's few
    (150 ms on a platform of a million people), and most structures have no service at
    all, so their « À traiter » asks nothing more."""
    services = list(Service.objects.filter(organization=organization).values_list("pk", flat=True))
    if not services:
        return ServiceReferral.objects.none()
    return (
        ServiceReferral.objects.filter(service_id__in=services, state__in=state_machine.OPEN_STATES)
        .select_related("person", "service", "from_organization")
        .order_by("created_at", "id")
    )


def with_moves(referrals, user, *, follows_all: bool = False) -> list[ServiceReferral]:
    """The referrals with `.moves` (what `user` may do with each): one query for the
    persons the user follows instead of one per referral."""
    referrals = list(referrals)
    followed = set()
    if not follows_all:
        ids = {r.person_id for r in referrals}
        followed = set(
            Person.objects.followed_by(user).filter(pk__in=ids).values_list("pk", flat=True)
        )
    for referral in referrals:
        referral.moves = [
            (state, ReferralState(state).label)
            for state in referral_moves(
                referral, user, is_sender=follows_all or referral.person_id in followed
            )
        ]
    return referrals
