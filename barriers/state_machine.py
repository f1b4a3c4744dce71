"""A barrier's lifecycle, stated once (`lib.lifecycle`). Services move a barrier with
`move(..., log=BarrierStatusChange)`; the screen offers only `LIFECYCLE.options(status)`.

identified → being lifted → lifted, with the ways back the field needs: a lifting that
stalls (back to identified), a lifted barrier that reappears (the car breaks down again),
and « no longer relevant » for a barrier that vanished without being lifted (the person
moved next to their workplace), which can also come back.
"""

from barriers.enums import BarrierStatus as S
from lib.lifecycle import Lifecycle

LIFECYCLE = Lifecycle(
    S,
    {
        S.IDENTIFIED: (S.BEING_LIFTED, S.LIFTED, S.NOT_RELEVANT),
        S.BEING_LIFTED: (S.LIFTED, S.IDENTIFIED, S.NOT_RELEVANT),
        S.LIFTED: (S.IDENTIFIED,),
        S.NOT_RELEVANT: (S.IDENTIFIED,),
    },
    field="status",
)
