"""The lifecycles of an offer and of an introduction, stated once. Services ask
`allowed(from, to)`; the pages offer only `next_states(state)`.

Offer: draft → published → paused → filled → closed, with published → filled | closed,
paused → published | closed, filled → closed. Only a published offer is visible outside
the organizations that manage it. A published offer without update for 60 days is paused
by the schedule, 7 days at least after a reminder (sent at 53 days).

Introduction: proposed → interview → hired | declined (the employer may also answer a
proposal directly)."""

from offers.enums import IntroductionState as I
from offers.enums import OfferState as S

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.PUBLISHED,),
    S.PUBLISHED: (S.PAUSED, S.FILLED, S.CLOSED),
    S.PAUSED: (S.PUBLISHED, S.FILLED, S.CLOSED),
    S.FILLED: (S.CLOSED,),
}

# The words of the buttons that move an offer, by target state.
ACTIONS: dict[str, str] = {
    S.PUBLISHED: "Publier",
    S.PAUSED: "Mettre en pause",
    S.FILLED: "Marquer pourvue",
    S.CLOSED: "Clôturer",
}

EDITABLE_STATES = (S.DRAFT, S.PUBLISHED, S.PAUSED)
REMINDER_DAYS = 53
PAUSE_DAYS = 60
NOTICE_DAYS = PAUSE_DAYS - REMINDER_DAYS  # the least time between reminder and pause

INTRODUCTION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    I.PROPOSED: (I.INTERVIEW, I.HIRED, I.DECLINED),
    I.INTERVIEW: (I.HIRED, I.DECLINED),
}
OPEN_INTRODUCTION_STATES = (I.PROPOSED, I.INTERVIEW)


def next_states(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())


def allowed(from_state: str, to_state: str) -> bool:
    return to_state in next_states(from_state)


def introduction_next_states(state: str) -> tuple[str, ...]:
    return INTRODUCTION_TRANSITIONS.get(state, ())


def introduction_allowed(from_state: str, to_state: str) -> bool:
    return to_state in introduction_next_states(state=from_state)
