"""The lifecycles of an offer and of an introduction, stated once (`lib.lifecycle`).
Services move them with `move(..., log=OfferTransition | IntroductionTransition)`; the
pages offer only `LIFECYCLE.options(state)` and `INTRODUCTION_LIFECYCLE.next_states(state)`.

Offer: draft → published → paused → filled → closed, with published → filled | closed,
paused → published | closed, filled → closed. Only a published offer is visible outside
the organizations that manage it. A published offer without update for 60 days is paused
by the schedule, 7 days at least after a reminder (sent at 53 days).

Introduction:

    proposed ─▶ sent ─▶ seen ─▶ interview ─▶ hired | declined
    (the open states: proposed, sent, seen, interview)
    sent only from proposed; seen from proposed or sent; from any open state:
    interview (but from itself), hired, declined [the employer], and
    withdrawn, cancelled [the introducing structure]

- proposed: written by the structure; an employer with a Parcours account already sees
  it in its space (as before sending existed), one without sees nothing yet.
- sent: the structure emailed the employer's contact a signed link (no account needed).
- seen: the contact opened the link, or the employer opened its space [employer, system].
- interview, hired, declined: the employer's answer, from the link, its space or the
  API; the structure holding the offer may record an answer given by phone. The
  employer may answer from any open state: it does not have to be « seen » first.
- withdrawn, cancelled: the introducing structure, from any open state.
hired, declined, withdrawn and cancelled are final: a broken hire is the follow-up's
business, not the introduction's."""

from lib.lifecycle import Lifecycle
from offers.enums import IntroductionState as I
from offers.enums import OfferState as S

LIFECYCLE = Lifecycle(
    S,
    {
        S.DRAFT: (S.PUBLISHED,),
        S.PUBLISHED: (S.PAUSED, S.FILLED, S.CLOSED),
        S.PAUSED: (S.PUBLISHED, S.FILLED, S.CLOSED),
        S.FILLED: (S.CLOSED,),
    },
    actions={
        S.PUBLISHED: "Publier",
        S.PAUSED: "Mettre en pause",
        S.FILLED: "Marquer pourvue",
        S.CLOSED: "Clôturer",
    },
    refusal="Cette offre est « {current_lower} » : elle ne peut pas passer à « {wanted_lower} ».",
)

EDITABLE_STATES = (S.DRAFT, S.PUBLISHED, S.PAUSED)
REMINDER_DAYS = 53
PAUSE_DAYS = 60
NOTICE_DAYS = PAUSE_DAYS - REMINDER_DAYS  # the least time between reminder and pause

# Who moves an introduction to each state: the employer's answers (also recorded by the
# structure holding the offer), and the introducing structure's own moves.
EMPLOYER_ANSWERS = (I.INTERVIEW, I.HIRED, I.DECLINED)
STRUCTURE_MOVES = (I.SENT, I.WITHDRAWN, I.CANCELLED)
_CLOSING = (*EMPLOYER_ANSWERS, I.WITHDRAWN, I.CANCELLED)

INTRODUCTION_LIFECYCLE = Lifecycle(
    I,
    {
        I.PROPOSED: (I.SENT, I.SEEN, *_CLOSING),
        I.SENT: (I.SEEN, *_CLOSING),
        I.SEEN: _CLOSING,
        I.INTERVIEW: (I.HIRED, I.DECLINED, I.WITHDRAWN, I.CANCELLED),
    },
    # The services say why in their own words (`offers.services._check_move`).
    refusal="Cette mise en relation est « {current_lower} » : cette réponse n'est plus possible.",
)
OPEN_INTRODUCTION_STATES = (I.PROPOSED, I.SENT, I.SEEN, I.INTERVIEW)
FINAL_INTRODUCTION_STATES = (I.HIRED, I.DECLINED, I.WITHDRAWN, I.CANCELLED)
# The states an employer has not looked at yet: opening the link or the space moves them.
UNSEEN_INTRODUCTION_STATES = (I.PROPOSED, I.SENT)
# How long the link emailed to the employer's contact works.
INTRODUCTION_LINK_DAYS = 30
