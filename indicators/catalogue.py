"""What an indicator is: a stable code, a French label, the definition the page shows
and its unit. The codes are the API's and the exports' keys: never rename one, add."""

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    PEOPLE = "personnes"  # distinct people
    COUNT = "nombre"  # things that each concern one person (referrals, barriers, hires)
    PLAIN = "nombre hors personnes"  # companies, offers, contacts: about no person
    RATE = "%"
    DAYS = "jours"


# Units whose figure concerns people, and so is hidden under 5 in a view across
# organizations (`indicators.suppression`).
ABOUT_PEOPLE = frozenset({Unit.PEOPLE, Unit.COUNT, Unit.RATE, Unit.DAYS})


class Section(StrEnum):
    PEOPLE = "Personnes accompagnées"
    REFERRALS = "Orientations"
    BARRIERS = "Freins périphériques"
    EMPLOYERS = "Entreprises et offres"
    FUNNEL = "De la mise en relation à l'embauche"
    OUTCOMES = "Sorties et maintien dans l'emploi"


@dataclass(frozen=True)
class Indicator:
    code: str
    section: Section
    label: str
    definition: str
    unit: Unit
    # Several indicators of one breakdown (by channel, by theme…) make one chart.
    breakdown: str = ""


@dataclass(frozen=True)
class Figure:
    """A computed value and the number of people (or rows about people) it rests on:
    `value` is None when there is nothing to count it from (« pas encore de données »)."""

    value: float | int | None
    base: int | None = None

    @classmethod
    def count(cls, n: int) -> "Figure":
        return cls(n, n)

    @classmethod
    def share(cls, part: int, whole: int) -> "Figure":
        return cls(part / whole if whole else None, whole)


NO_DATA = Figure(None, 0)
