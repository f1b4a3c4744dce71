"""What an employer is shown of a person, field by field: the page of the employer space
and the API build their answers from these allow-lists only, never from a model, so
that a field reaches an employer only when it is added here on purpose. Barriers,
health, notes, the plan, the last name and the contact details of a person followed
never do."""

from offers.models import OfferInterest
from offers.selectors import Candidate

# A person introduced for one of the employer's offers.
CANDIDATE_FIELDS = (
    "id",
    "offer_id",
    "offer_title",
    "display_name",
    "introduced_by",
    "introduced_at",
    "matching_wishes",
    "available_from",
    "max_travel_km",
    "distance_km",
    "within_reach",
    "comment",
    "state",
    "state_label",
    "decline_reason",
    "decline_reason_label",
    "interview_on",
    "starts_on",
)

# Interest left on the public board: what the visitor typed and agreed to pass on.
INTEREST_FIELDS = (
    "id",
    "created_at",
    "offer_title",
    "first_name",
    "last_name",
    "commune_name",
    "phone",
    "email",
    "message",
    "answer",
    "answer_label",
)


def candidate_card(candidate: Candidate) -> dict:
    """The keys of CANDIDATE_FIELDS, in that order (the tests hold them together)."""
    introduction, fit = candidate.introduction, candidate.fit
    return {
        "id": introduction.pk,
        "offer_id": introduction.offer_id,
        "offer_title": introduction.offer.title,
        "display_name": fit.display_name,
        "introduced_by": introduction.introduced_by.name,
        "introduced_at": introduction.created_at,
        "matching_wishes": list(fit.matching_wishes),
        "available_from": fit.available_from,
        "max_travel_km": fit.max_travel_km,
        "distance_km": fit.distance_km,
        "within_reach": fit.within_reach,
        "comment": introduction.comment,
        "state": introduction.state,
        "state_label": introduction.get_state_display(),
        "decline_reason": introduction.decline_reason,
        "decline_reason_label": introduction.get_decline_reason_display(),
        "interview_on": introduction.interview_on,
        "starts_on": introduction.starts_on,
    }


def interest_card(interest: OfferInterest) -> dict:
    """The keys of INTEREST_FIELDS, in that order."""
    return {
        "id": interest.pk,
        "created_at": interest.created_at,
        "offer_title": interest.offer.title,
        "first_name": interest.first_name,
        "last_name": interest.last_name,
        "commune_name": interest.commune.name if interest.commune_id else "",
        "phone": interest.phone,
        "email": interest.email,
        "message": interest.message,
        "answer": interest.answer,
        "answer_label": interest.get_answer_display() if interest.answer else "À traiter",
    }
