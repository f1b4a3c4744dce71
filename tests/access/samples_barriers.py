"""Route arguments of the barrier and partner service pages and endpoints: a sensitive
barrier of the followed person, a local service of a partner organization, and a
referral of the person to it. The barrier's detail and the referral's message are
private to the team (and to the partner for the message)."""

from partner_services.services import service_referral_send
from tests.barriers.helpers import identify, partner_with_service


def samples(team, followed):
    barrier = identify(
        followed.person,
        "sante-port-de-charges",
        team.colleague,
        team.organization,
        detail="Restriction notée par le médecin du travail : détail-secret-frein",
    )
    _, _, service = partner_with_service(team.organization.commune)
    referral = service_referral_send(
        person=followed.person,
        service=service,
        barrier=barrier,
        organization=team.organization,
        user=team.colleague,
        message="Message privé à l'association : message-secret-orientation",
    )
    markers = ["détail-secret-frein", "message-secret-orientation"]
    arguments = {
        "barrier_pk": barrier.pk,
        "barrier_id": barrier.pk,
        "service_pk": service.pk,
        "service_id": service.pk,
        "service_referral_pk": referral.pk,
        "service_referral_id": referral.pk,
    }
    return markers, arguments
