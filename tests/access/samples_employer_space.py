"""Route arguments of the employer space: a request left on the public board for a
published offer of the team (its contact details are the employer's to read, never a
stranger's)."""

from offers.enums import OfferState
from offers.models import OfferInterest
from tests.offers.helpers import offer


def samples(team, followed):
    published = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    interest = OfferInterest.objects.create(
        offer=published,
        first_name="Visiteuse",
        last_name="Demande-secrete",
        phone="0611223344",
        message="message-secret-demande",
    )
    return ["message-secret-demande", "Demande-secrete"], {
        "interest_pk": interest.pk,
        "interest_id": interest.pk,
    }
