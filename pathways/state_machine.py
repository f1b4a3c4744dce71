"""The pathway's lifecycle, stated once (`lib.lifecycle`). Services move a pathway with
`move(..., log=Transition)`; the screen offers only `LIFECYCLE.options(state)`.

intake → diagnosis → active → in_employment → closed → post_exit, with the shortcuts
the field needs: a person can go straight from intake to active (diagnosis done
elsewhere), leave at any point (closed, with an exit), come back from employment to
active (a contract that broke), and be reopened after an exit.
"""

from lib.lifecycle import Lifecycle
from pathways.enums import PathwayState as S

LIFECYCLE = Lifecycle(
    S,
    {
        S.INTAKE: (S.DIAGNOSIS, S.ACTIVE, S.CLOSED),
        S.DIAGNOSIS: (S.ACTIVE, S.CLOSED),
        S.ACTIVE: (S.IN_EMPLOYMENT, S.CLOSED),
        S.IN_EMPLOYMENT: (S.ACTIVE, S.CLOSED),
        S.CLOSED: (S.POST_EXIT, S.ACTIVE),
        S.POST_EXIT: (S.CLOSED,),
    },
)

# Milestones: the states a prescriber is told about.
MILESTONES = (S.ACTIVE, S.IN_EMPLOYMENT, S.CLOSED)

# Closed, or in the follow-up after the exit: the accompaniment has ended, nothing of the
# pathway itself is left to do (no longer open, out of the worklist and the matching).
ENDED_STATES = (S.CLOSED, S.POST_EXIT)
