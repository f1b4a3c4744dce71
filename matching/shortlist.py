"""The shortlist of an offer: the people a counsellor ticks on the candidates page to
compare them and present them together. Kept in the user's session, one list per
offer: it is a working draft of one counsellor, not a record (the introductions it
leads to are). Only ids are kept; every page that reads it checks them again against
the people the user follows."""

from django.core.exceptions import ValidationError

from offers.services import SHORTLIST_MAX

FULL = (
    f"La sélection compte déjà {SHORTLIST_MAX} personnes : "
    "retirez-en une pour en ajouter une autre."
)


def _key(offer) -> str:
    return f"shortlist:{offer.pk}"


def shortlist(session, offer) -> list[int]:
    return [int(i) for i in session.get(_key(offer), [])][:SHORTLIST_MAX]


def shortlist_add(session, offer, person_id: int) -> list[int]:
    ids = shortlist(session, offer)
    if person_id in ids:
        return ids
    if len(ids) >= SHORTLIST_MAX:
        raise ValidationError(FULL)
    ids.append(person_id)
    session[_key(offer)] = ids
    return ids


def shortlist_remove(session, offer, person_id: int) -> list[int]:
    ids = [i for i in shortlist(session, offer) if i != person_id]
    session[_key(offer)] = ids
    return ids


def shortlist_clear(session, offer) -> None:
    session.pop(_key(offer), None)
