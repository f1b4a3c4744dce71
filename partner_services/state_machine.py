"""A service referral's lifecycle, stated once (`lib.lifecycle`).

sent → accepted | refused; accepted → done; any open state → cancelled. The answer
(accept, refuse, done) belongs to the partner organization that owns the service; the
cancellation to the team that sent it. When the service is not on Parcours (imported
from data·inclusion, no organization), the sending team records the partner's answer.
"""

from lib.lifecycle import Lifecycle
from partner_services.enums import ReferralState as S

LIFECYCLE = Lifecycle(
    S,
    {
        S.SENT: (S.ACCEPTED, S.REFUSED, S.CANCELLED),
        S.ACCEPTED: (S.DONE, S.CANCELLED),
    },
)

OPEN_STATES = (S.SENT, S.ACCEPTED)

# Who moves the referral to each state: the partner answers, the sender cancels.
PARTNER_MOVES = (S.ACCEPTED, S.REFUSED, S.DONE)
SENDER_MOVES = (S.CANCELLED,)


def moves_for(state: str, *, is_partner: bool, is_sender: bool, partner_on_parcours: bool):
    """The states this actor may move a referral in `state` to."""
    partner_answers = is_partner or (is_sender and not partner_on_parcours)
    moves = [
        to_state
        for to_state in LIFECYCLE.next_states(state)
        if (to_state in PARTNER_MOVES and partner_answers)
        or (to_state in SENDER_MOVES and is_sender)
    ]
    return tuple(moves)
