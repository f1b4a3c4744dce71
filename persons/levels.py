from enum import IntEnum


class Level(IntEnum):
    """How much of a person a user may see (see `persons.access`)."""

    NONE = 0
    MILESTONES = 1
    TEAM = 2
