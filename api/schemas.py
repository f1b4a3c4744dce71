"""Schemas shared by several routers."""

from datetime import datetime

from ninja import Schema


class TransitionOut(Schema):
    """One logged move of a lifecycle (a referral, a service referral): from, to, when,
    by whom, why."""

    from_state: str
    to_state: str
    at: datetime
    by: str | None
    comment: str

    @staticmethod
    def resolve_by(obj) -> str | None:
        return str(obj.by) if obj.by_id else None
