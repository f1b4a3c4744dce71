"""Statistical secrecy: in a view across organizations (a territory, a funder), a figure
about fewer than five people could point at someone; it shows « moins de 5 ». The one
place that decides it, for the page, the API and the exports alike."""

from indicators.catalogue import ABOUT_PEOPLE, Figure, Unit

THRESHOLD = 5
FEWER_THAN = "moins de 5"
NO_DATA = "pas encore de données"


def is_hidden(figure: Figure, unit: Unit, *, across_organizations: bool) -> bool:
    """Whether the figure must be hidden: across organizations, about people, resting on
    1 to 4 of them. Zero is shown: it says no one."""
    if not across_organizations or unit not in ABOUT_PEOPLE or figure.base is None:
        return False
    return 0 < figure.base < THRESHOLD


def shown(figure: Figure, unit: Unit, *, across_organizations: bool) -> str:
    """The figure as the page, the API and the exports write it."""
    if figure.value is None:
        return NO_DATA
    if is_hidden(figure, unit, across_organizations=across_organizations):
        return FEWER_THAN
    return formatted(figure.value, unit)


def formatted(value, unit: Unit) -> str:
    if unit == Unit.RATE:
        return f"{round(100 * value)} %"
    if unit == Unit.DAYS:
        return f"{value:.1f} j".replace(".", ",").replace(",0 j", " j")
    return f"{int(value):,}".replace(",", "\u202f")
