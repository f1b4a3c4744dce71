from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django_tasks import task

from offers.confirmation import token_for
from offers.models import JobOffer


def _recipients(offer: JobOffer) -> list[str]:
    return list(
        offer.organization.memberships.active().values_list("user__email", flat=True).order_by("pk")
    )


@task()
def send_offer_reminder(*, offer_id: int) -> int:
    """Ask the holder's members whether the offer is still current (one click)."""
    offer = JobOffer.objects.select_related("organization").get(pk=offer_id)
    recipients = _recipients(offer)
    if not recipients:
        return 0
    confirm = settings.SITE_URL + reverse("offer_still_current", args=[token_for(offer)])
    manage = settings.SITE_URL + reverse("offer_detail", args=[offer.pk])
    subject = f"Votre offre « {offer.title} » est-elle toujours d'actualité ?"
    body = (
        f"Bonjour,\n\nVotre offre « {offer.title} » n'a pas été mise à jour depuis "
        "plusieurs semaines. Sans confirmation, elle sera mise en pause dans 7 jours et "
        "n'apparaîtra plus sur le site des offres.\n\n"
        f"Elle est toujours d'actualité ? Confirmez en un clic :\n{confirm}\n\n"
        f"Pour la modifier, la mettre en pause ou la marquer pourvue :\n{manage}\n\n— Parcours"
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages)


@task()
def send_interest_notice(*, offer_id: int) -> int:
    """Tell the employer's members that someone left their interest for an offer (no
    personal data in the email: they read it in their space)."""
    offer = JobOffer.objects.select_related("company__organization").get(pk=offer_id)
    organization = offer.company.organization or offer.organization
    recipients = list(
        organization.memberships.active().values_list("user__email", flat=True).order_by("pk")
    )
    if not recipients:
        return 0
    link = settings.SITE_URL + reverse("employer_space")
    subject = f"Une personne est intéressée par votre offre « {offer.title} »"
    body = (
        f"{subject}.\n\nRetrouvez ses coordonnées dans votre espace employeur :\n{link}"
        "\n\n— Parcours"
    )
    return send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    )
