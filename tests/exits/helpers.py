"""A person referred by a prescriber's adviser to the team's structure, accepted: the
pathway an exit review goes back to."""

from types import SimpleNamespace

from referrals import services as referral_services
from tests.referrals.helpers import person_of, prescriber_with_adviser, send


def referred_pathway(team) -> SimpleNamespace:
    prescriber = prescriber_with_adviser()
    person = person_of(prescriber, first_name="Nora", last_name="Vidal")
    referral = referral_services.referral_accept(
        referral=send(prescriber, person, team.organization), user=team.colleague
    )
    return SimpleNamespace(
        prescriber=prescriber, person=person, referral=referral, pathway=referral.pathway
    )
