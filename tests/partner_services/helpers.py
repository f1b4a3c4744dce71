"""What the service referral tests share: a service without an account (as imported from
data·inclusion), a referral sent by the team with its emails sent, and the link read from
the email."""

import re

from django.core import mail

from partner_services.models import Service
from partner_services.services import service_referral_send, set_service_themes


def service_without_account(commune, *, email="accueil@creche.exemple.fr", name="Crèche AVIP"):
    service = Service.objects.create(
        source="dora",
        source_id=f"dora--{name}",
        structure_name=f"Association {name}",
        name=name,
        description="Places en crèche pour les parents qui reprennent un emploi.",
        thematiques=["famille--garde-denfants"],
        commune=commune,
        contact_email=email,
    )
    set_service_themes(service)
    return service


def send(team, person, service, capture, *, message="Besoin d'une solution de garde dès lundi."):
    """Send a referral as the team's colleague, the emails it triggers sent."""
    with capture(execute=True):
        return service_referral_send(
            person=person,
            service=service,
            organization=team.organization,
            user=team.colleague,
            message=message,
        )


def link_in(email) -> str:
    return re.search(r"https?://\S+/partenaire/orientation/\S+/", email.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def emails_to(address: str) -> list:
    return [email for email in mail.outbox if address in email.to]
