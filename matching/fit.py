"""How a person introduced fits the offer, in the only terms an employer is shown.

The employer never calls the engine: this is a plain reading of the wishes, the
availability and the reach of one person for one offer, with no barrier, no health and
no score."""

from dataclasses import dataclass
from datetime import date

from persons.models import Wish
from territories.selectors import distance_km


@dataclass(frozen=True)
class Fit:
    """Wished jobs of the offer's family, availability, reach. Never barriers or
    health."""

    display_name: str
    matching_wishes: tuple[str, ...]
    available_from: date | None
    max_travel_km: int | None
    distance_km: float | None

    @property
    def within_reach(self) -> bool | None:
        if self.max_travel_km is None or self.distance_km is None:
            return None
        return self.distance_km <= self.max_travel_km


def fit_of(introduction, wishes: list | None = None) -> Fit:
    person, offer = introduction.person, introduction.offer
    if wishes is None:
        wishes = list(Wish.objects.filter(person=person).select_related("appellation"))
    matching = tuple(
        w.appellation.name
        for w in wishes
        if w.appellation is not None and w.appellation.rome_id == offer.appellation.rome_id
    )
    distance = None
    if person.commune_id:
        distance = distance_km(person.commune, offer.commune)
    return Fit(
        display_name=person.display_name_for_employer,
        matching_wishes=matching,
        available_from=person.available_from,
        max_travel_km=person.max_travel_km,
        distance_km=None if distance is None else round(distance, 1),
    )
