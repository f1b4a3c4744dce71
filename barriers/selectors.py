"""Reads of barriers: the referential, and a person's barriers grouped by theme."""

from dataclasses import dataclass, field

from audit.models import SensitiveRead
from barriers.models import BarrierItem, BarrierTheme, PersonBarrier


def themes_with_items():
    return BarrierTheme.objects.prefetch_related("items")


def items_of_theme(theme_code: str):
    return BarrierItem.objects.filter(theme__code=theme_code).select_related("theme")


@dataclass
class ThemeGroup:
    theme: BarrierTheme
    barriers: list[PersonBarrier] = field(default_factory=list)


def barriers_by_theme(barriers) -> list[ThemeGroup]:
    """Barriers (already ordered by theme) in one group per theme, for display."""
    groups: dict[int, ThemeGroup] = {}
    for barrier in barriers:
        theme = barrier.item.theme
        groups.setdefault(theme.pk, ThemeGroup(theme)).barriers.append(barrier)
    return list(groups.values())


def shows_sensitive(barriers) -> bool:
    """Whether showing these barriers shows sensitive data (and so must be logged)."""
    return any(barrier.item.theme.is_sensitive for barrier in barriers)


def sensitive_reads_of(person):
    """Every logged read of the person's sensitive data, whichever organization read it.

    `SensitiveRead.objects.visible_to` shows an admin their own organization's reads;
    this page is the holding structure's view of who read the person's data, so it shows
    all of them. Callers authorise first (admin of a holding structure)."""
    return SensitiveRead.objects.filter(person=person).select_related("user", "organization")
