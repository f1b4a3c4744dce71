"""The rankings as a user may read them: the pool and the offers they may rank, the
engine's pairs from this process's feature store, and the explanations that name a
family or health barrier kept for those who may see barriers."""

from dataclasses import replace

from audit.reads import log_sensitive_read
from matching.features import feature_store
from matching.ranking import Component, Pair
from persons.models import Person

HIDDEN = "contrainte liée à la situation personnelle (détail réservé à l'équipe)"
SENSITIVE_WHAT = "rapprochement : freins (santé, famille)"


def candidates_for(user, offer, *, organization, limit: int, feasibility: str | None, path=""):
    pool = set(Person.objects.followed_by(user).values_list("pk", flat=True))
    pairs = feature_store().candidates(
        offer.pk, limit=limit, feasibility=feasibility, among_ids=pool
    )
    return _as_seen(user, pairs or [], organization, path)


def offers_for(user, person, *, organization, limit: int, feasibility: str | None, path=""):
    pairs = feature_store().offers(person.pk, limit=limit, feasibility=feasibility)
    return _as_seen(user, pairs or [], organization, path)


def _names_sensitive(pair: Pair) -> bool:
    return any(c.sensitive for c in pair.components) or any(pair.sensitive_reasons)


def _as_seen(user, pairs: list[Pair], organization, path: str) -> list[Pair]:
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
