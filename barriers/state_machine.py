"""A barrier's lifecycle, stated once. Services ask `allowed(from, to)`; the screen offers
only `next_statuses(status)`.

identified → being lifted → lifted, with the ways back the field needs: a lifting that
stalls (back to identified), a lifted barrier that reappears (the car breaks down again),
and « no longer relevant » for a barrier that vanished without being lifted (the person
moved next to their workplace), which can also come back.
"""

from barriers.enums import BarrierStatus as S

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDENTIFIED: (S.BEING_LIFTED, S.LIFTED, S.NOT_RELEVANT),
    S.BEING_LIFTED: (S.LIFTED, S.IDENTIFIED, S.NOT_RELEVANT),
    S.LIFTED: (S.IDENTIFIED,),
    S.NOT_RELEVANT: (S.IDENTIFIED,),
}


def next_statuses(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def allowed(from_status: str, to_status: str) -> bool:
    return to_status in next_statuses(from_status)
