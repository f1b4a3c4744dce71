"""Route arguments of the partner's side of service referrals: a referral of the
followed person to a service without an account, its emailed link's page walked with
the unknown token every walk shares (a real link is a key: whoever holds it may read
it), and the partner pages (inbox, one referral) with the referral of
`samples_barriers`. The need written for the service is private to the team and the
service."""

from partner_services.services import service_referral_send
from tests.partner_services.helpers import service_without_account


def samples(team, followed):
    service = service_without_account(
        team.organization.commune, email="service-secret@exemple.fr", name="Service sans compte"
    )
    service_referral_send(
        person=followed.person,
        service=service,
        organization=team.organization,
        user=team.colleague,
        message="Besoin écrit pour le service : besoin-secret-du-lien",
    )
    return ["besoin-secret-du-lien"], {}
