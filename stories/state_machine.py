"""The story's lifecycle (`lib.lifecycle`): drafted by the structure's team, submitted
for review, published or sent back by an admin of the structure, unpublished when it
should no longer show. Withdrawing the person's consent ends it, from any state: only
the consent service makes that move (`stories.services.consent_withdraw`)."""

from lib.lifecycle import Lifecycle
from stories.enums import StoryState as S

LIFECYCLE = Lifecycle(
    S,
    {
        S.DRAFT: (S.SUBMITTED, S.WITHDRAWN),
        S.SUBMITTED: (S.PUBLISHED, S.SENT_BACK, S.WITHDRAWN),
        S.SENT_BACK: (S.SUBMITTED, S.WITHDRAWN),
        S.PUBLISHED: (S.UNPUBLISHED, S.WITHDRAWN),
        S.UNPUBLISHED: (S.SUBMITTED, S.WITHDRAWN),
    },
    actions={
        S.SUBMITTED: "Soumettre à la relecture",
        S.PUBLISHED: "Publier",
        S.SENT_BACK: "Renvoyer pour correction",
        S.UNPUBLISHED: "Dépublier",
        S.WITHDRAWN: "Retirer le consentement",
    },
    refusal=(
        "Cette histoire est « {current_lower} » : elle ne peut pas passer à « {wanted_lower} »."
    ),
)

# The moves of an admin of the structure (the review); the others are the team's.
REVIEW_MOVES = (S.PUBLISHED, S.SENT_BACK, S.UNPUBLISHED)
# The states in which the team may still change the text.
EDITABLE = (S.DRAFT, S.SENT_BACK, S.UNPUBLISHED)
