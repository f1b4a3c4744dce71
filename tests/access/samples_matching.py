"""Route arguments of the rankings: the followed person wants the bakery job the team
publishes, and the after-school care of her children is being found — the team's
ranking would say so in words no one else may read."""

import json

from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from offers.enums import OfferState
from persons.services import person_update, wish_add
from tests.barriers.helpers import identify
from tests.offers.helpers import bakery_job, offer, trelaze


def samples(team, followed):
    person = followed.person
    person_update(person=person, actor=team.colleague, data={"commune": trelaze()})
    wish_add(person=person, appellation=bakery_job(), actor=team.colleague)
    childcare = identify(person, "famille-periscolaire", team.colleague, team.organization)
    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    published = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    words = "faisable si solution périscolaire"
    # As a page would show it, and as the API's JSON writes it (accents escaped).
    markers = [words, json.dumps(words)[1:-1]]
    # The pages of the ranking (candidates, shortlist, comparison) take this offer; the
    # offers for a person take `person_pk`, the followed person.
    return markers, {"ranked_offer_id": published.pk, "ranked_offer_pk": published.pk}
