"""The rankings as a user may read them: the pool and the offers they may rank, the
engine's pairs from this process's feature store, and the explanations that name a
family or health barrier kept for those who may see barriers.

The pages and the API call the same functions with the same filters, so that they
show the same people in the same order: `ranked_candidates` / `ranked_offers` give the
engine's pairs, `as_seen` what a user may read of those shown (and logs the reads)."""

from dataclasses import dataclass, replace

import numpy as np
from django.db.models import Exists, OuterRef, Q

from audit.reads import log_sensitive_read
from companies.models import ClubMembership
from lib.geo import EARTH_RADIUS_KM, haversine_km
from matching.features import feature_store
from matching.ranking import Component, Pair
from offers.enums import OfferState
from offers.models import JobOffer
from pathways.models import Pathway
from persons.models import Person

HIDDEN = "contrainte liée à la situation personnelle (détail réservé à l'équipe)"
SENSITIVE_WHAT = "rapprochement : freins (santé, famille)"


@dataclass(frozen=True)
class Filters:
    """What a counsellor narrows a ranking to. `kind`: people with an open pathway of
    that kind (candidates only); `max_km`: the workplace within that distance of the
    person's commune (a person or offer without a place is then left out)."""

    feasibility: str | None = None
    max_km: int | None = None
    kind: str | None = None


# --- candidates for an offer ------------------------------------------------------------


def pool_ids(user, offer, filters: Filters = Filters()) -> set[int]:
    """The people the user may rank for the offer: those they follow (Level.TEAM),
    narrowed by the filters."""
    people = Person.objects.followed_by(user)
    if filters.kind:
        people = people.filter(
            Exists(Pathway.objects.open().filter(person=OuterRef("pk"), kind=filters.kind))
        )
    if filters.max_km is None:
        return set(people.values_list("pk", flat=True))
    if offer.latitude is None:
        return set()
    box = _box(offer.latitude, offer.longitude, filters.max_km)
    rows = people.filter(
        commune__latitude__range=box[0], commune__longitude__range=box[1]
    ).values_list("pk", "commune__latitude", "commune__longitude")
    return {
        pk
        for pk, latitude, longitude in rows
        if haversine_km(latitude, longitude, offer.latitude, offer.longitude) <= filters.max_km
    }


def ranked_candidates(user, offer, *, limit: int, filters: Filters = Filters()) -> list[Pair]:
    """The engine's best pairs for the offer among the user's pool, as the engine gives
    them: pass the ones shown through `as_seen`."""
    pairs = feature_store().candidates(
        offer.pk,
        limit=limit,
        feasibility=filters.feasibility,
        among_ids=pool_ids(user, offer, filters),
    )
    return pairs or []


def introduction_choices(user, offer, *, limit: int = 10) -> list[tuple[int, str]]:
    """The first people of the ranking as the choices of the offer page's introduction
    form: the name, the verdict in words that name no barrier, the score."""
    from matching.labels import PLAIN_LABELS

    if offer.state != OfferState.PUBLISHED:
        return []
    pairs = ranked_candidates(user, offer, limit=limit)
    people = Person.objects.select_related("commune").in_bulk([p.person_id for p in pairs])
    return [
        (
            pair.person_id,
            f"{people[pair.person_id].chooser_label} — {PLAIN_LABELS[pair.feasibility]} "
            f"({f'{pair.score:.2f}'.replace('.', ',')})",
        )
        for pair in pairs
        if pair.person_id in people
    ]


# --- offers for a person ----------------------------------------------------------------


def club_drafts(organization) -> list[int]:
    """Offers of the organization's club companies that are not public yet: drafts the
    organization holds or writes with the company (a need it is defining with them).
    A draft is private to those who manage it (`JobOffer.objects.managed_by`), so no
    other organization ranks it; a paused, filled or closed offer was public and no
    longer recruits, it is not « not public yet »."""
    if organization is None:
        return []
    club = ClubMembership.objects.filter(organization=organization).values("company_id")
    return list(
        JobOffer.objects.filter(state=OfferState.DRAFT, company_id__in=club)
        .filter(Q(organization=organization) | Q(written_by_organization=organization))
        .values_list("pk", flat=True)
    )


def ranked_offers(
    user, person, *, organization, limit: int, filters: Filters = Filters()
) -> list[Pair]:
    """Every published offer within the person's reach, and the club's drafts of the
    organization (`club_drafts`), ranked in one call of the engine: the published ones
    are a mask the store keeps, the drafts a few rows added to it for this organization
    only. Why not a column of the store: the store is one per process for every
    organization, and « not public yet, but visible to us » depends on who asks."""
    drafts = club_drafts(organization)
    among = None
    if filters.max_km is not None:
        among = _offers_within(person, filters.max_km, drafts)
        drafts = []
    pairs = feature_store().offers(
        person.pk,
        limit=limit,
        feasibility=filters.feasibility,
        among_ids=among,
        extra_ids=drafts,
    )
    return pairs or []


def _offers_within(person, max_km: int, drafts: list[int]) -> set[int]:
    """Published offers and the given drafts within `max_km` of the person's commune
    (none when the person has no commune): the bounding box on the board's index,
    then the exact distance."""
    commune = person.commune
    if commune is None or commune.latitude is None:
        return set()
    box = _box(commune.latitude, commune.longitude, max_km)
    rows = (
        JobOffer.objects.filter(Q(state=OfferState.PUBLISHED) | Q(pk__in=drafts))
        .filter(latitude__range=box[0], longitude__range=box[1])
        .values_list("pk", "latitude", "longitude")
    )
    return {
        pk
        for pk, latitude, longitude in rows
        if haversine_km(commune.latitude, commune.longitude, latitude, longitude) <= max_km
    }


def _box(latitude: float, longitude: float, km: float):
    """Latitude and longitude ranges holding every point within `km` (a little wide)."""
    degrees = np.degrees(km * 1.001 / EARTH_RADIUS_KM)
    across = degrees / max(np.cos(np.radians(min(abs(latitude) + degrees, 89.9))), 1e-6)
    return (latitude - degrees, latitude + degrees), (longitude - across, longitude + across)


# --- what the pages show beside the pairs ----------------------------------------------


@dataclass(frozen=True)
class CandidateRow:
    pair: Pair
    person: Person
    distance_km: float | None


@dataclass(frozen=True)
class OfferRow:
    pair: Pair
    offer: JobOffer
    distance_km: float | None
    not_public_yet: bool


def candidate_rows(pairs: list[Pair], offer) -> list[CandidateRow]:
    """The people of the pairs (one query), with their distance to the workplace."""
    people = Person.objects.select_related("commune").in_bulk([p.person_id for p in pairs])
    return [
        CandidateRow(pair, people[pair.person_id], _distance(people[pair.person_id].commune, offer))
        for pair in pairs
        if pair.person_id in people
    ]


def offer_rows(pairs: list[Pair], person) -> list[OfferRow]:
    """The offers of the pairs (one query), with their distance from the person."""
    offers = JobOffer.objects.select_related("company", "commune").in_bulk(
        [p.offer_id for p in pairs]
    )
    return [
        OfferRow(
            pair,
            offers[pair.offer_id],
            _distance(person.commune, offers[pair.offer_id]),
            offers[pair.offer_id].state == OfferState.DRAFT,
        )
        for pair in pairs
        if pair.offer_id in offers
    ]


def _distance(commune, offer) -> float | None:
    if commune is None or commune.latitude is None or offer.latitude is None:
        return None
    return haversine_km(commune.latitude, commune.longitude, offer.latitude, offer.longitude)


def shortlisted_pairs(user, offer, person_ids: list[int]) -> list[Pair]:
    """The engine's pairs of the offer with the shortlisted people the user still
    follows, in the shortlist's order (someone the engine no longer ranks for the offer,
    once introduced for instance, is left out)."""
    if not person_ids:
        return []
    allowed = set(
        Person.objects.followed_by(user).filter(pk__in=person_ids).values_list("pk", flat=True)
    )
    pairs = feature_store().candidates(offer.pk, limit=len(person_ids), among_ids=allowed) or []
    by_person = {p.person_id: p for p in pairs}
    return [by_person[i] for i in person_ids if i in by_person]


# --- what a user may read ---------------------------------------------------------------


def _names_sensitive(pair: Pair) -> bool:
    return any(c.sensitive for c in pair.components) or any(pair.sensitive_reasons)


def as_seen(user, pairs: list[Pair], organization, path: str) -> list[Pair]:
    """The pairs as the user may read them: sensitive explanations for an organization
    that sees barriers (the read is logged), hidden otherwise. Pass only the pairs
    shown: each one naming a sensitive barrier is a logged read."""
    from matching.access import shows_sensitive

    if shows_sensitive(user, organization):
        people = {p.person_id for p in pairs if _names_sensitive(p)}
        for person in Person.objects.filter(pk__in=people):
            log_sensitive_read(
                user=user, person=person, what=SENSITIVE_WHAT, organization=organization, path=path
            )
        return pairs
    return [_hidden(p) if _names_sensitive(p) else p for p in pairs]


def _hidden(pair: Pair) -> Pair:
    from matching.arrays import BARRIERS

    sensitive_codes = {b.code for b in BARRIERS if b.sensitive}
    return replace(
        pair,
        components=tuple(
            Component(c.name, c.score, HIDDEN, False) if c.sensitive else c for c in pair.components
        ),
        lifting=tuple(code for code in pair.lifting if code not in sensitive_codes),
        lifting_label=HIDDEN if pair.lifting_label else "",
        reasons=tuple(
            HIDDEN if sensitive else reason
            for reason, sensitive in zip(pair.reasons, pair.sensitive_reasons, strict=True)
        ),
        sensitive_reasons=tuple(False for _ in pair.sensitive_reasons),
    )
