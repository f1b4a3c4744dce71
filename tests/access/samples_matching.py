"""Route arguments of the rankings: the followed person wants the bakery job the team
publishes, and her childcare is being lifted — the team's ranking would say so in
words no one else may read."""

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
    childcare = identify(person, "famille-garde-moins-3-ans", team.colleague, team.organization)
    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    published = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    return ["faisable si solution de garde"], {"ranked_offer_id": published.pk}
