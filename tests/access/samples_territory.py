"""Route arguments of « Besoins du territoire »: the followed person lives in the
Angers area, wants the bakery job published there and waits for a vehicle solution
being found — the territory view counts her; only her team may read her name in it."""

from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from offers.enums import OfferState
from persons.services import person_update, wish_add
from tests.barriers.helpers import identify
from tests.offers.helpers import bakery_job, offer, trelaze


def samples(team, followed):
    person = followed.person
    person_update(person=person, actor=team.colleague, data={"commune": trelaze()})
    job = bakery_job()
    if not person.wishes.filter(appellation=job).exists():  # another sample may have added it
        wish_add(person=person, appellation=job, actor=team.colleague)
    vehicle = person.barriers.filter(item__code="mobilite-sans-vehicule").first()
    if vehicle is None:  # another walk may have noted it
        vehicle = identify(person, "mobilite-sans-vehicule", team.colleague, team.organization)
    if vehicle.status == BarrierStatus.IDENTIFIED:
        barrier_change_status(
            barrier=vehicle, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
        )
    offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    # The routes take their area as query parameters: no path argument to add; her name
    # is among the markers of every walk already.
    return [], {}
