"""The referral's lifecycle, stated once (`lib.lifecycle`).

draft → sent → seen → accepted | refused | redirected; the prescriber may withdraw an
open referral; an unanswered one expires 30 days after it was sent (reminders at 7 and
21 days). Accepted, refused, redirected, withdrawn and expired are final."""

from lib.lifecycle import Lifecycle
from referrals.enums import ReferralState as S

LIFECYCLE = Lifecycle(
    S,
    {
        S.DRAFT: (S.SENT, S.WITHDRAWN),
        S.SENT: (S.SEEN, S.ACCEPTED, S.REFUSED, S.REDIRECTED, S.WITHDRAWN, S.EXPIRED),
        S.SEEN: (S.ACCEPTED, S.REFUSED, S.REDIRECTED, S.WITHDRAWN, S.EXPIRED),
    },
    refusal="Cette orientation est « {current_lower} » : "
    "elle ne peut plus passer à « {wanted_lower} ».",
)

OPEN_STATES = (S.DRAFT, S.SENT, S.SEEN)
AWAITING_ANSWER = (S.SENT, S.SEEN)
ANSWERED = (S.ACCEPTED, S.REFUSED, S.REDIRECTED)
FINAL_STATES = LIFECYCLE.terminal_states

# Who may move a referral: the structure that receives it answers; the sender withdraws.
BY_RECEIVER = (S.SEEN, S.ACCEPTED, S.REFUSED, S.REDIRECTED)
BY_SENDER = (S.SENT, S.WITHDRAWN)
BY_SCHEDULE = (S.EXPIRED,)

REMINDER_DAYS = (7, 21)
EXPIRY_DAYS = 30
