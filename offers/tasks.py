from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from offers.confirmation import token_for
from offers.introduction_link import expires_at
from offers.introduction_link import token_for as token_for_introduction
from offers.models import Introduction, JobOffer


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


@task()
def send_introduction_link(*, introduction_id: int) -> int:
    """Email the employer's contact the signed link to one introduction: who is
    proposed (first name and initial), for which offer, by which structure. Nothing
    else of the person: the page behind the link shows the employer's view only."""
    introduction = Introduction.objects.select_related(
        "offer__company", "person", "introduced_by"
    ).get(pk=introduction_id)
    if not introduction.sent_to or introduction.sent_at is None:
        return 0
    offer, structure = introduction.offer, introduction.introduced_by
    link = settings.SITE_URL + reverse(
        "introduction_link", args=[token_for_introduction(introduction)]
    )
    until = timezone.localtime(expires_at(introduction))
    subject = f"Une candidature pour votre offre « {offer.title} »"
    body = (
        f"Bonjour,\n\n{structure} vous présente "
        f"{introduction.person.display_name_for_employer} pour votre offre « {offer.title} » "
        f"({offer.company}).\n\n"
        f"Découvrez la candidature et donnez votre réponse (entretien, embauche ou non "
        f"retenue), sans créer de compte :\n{link}\n\n"
        f"Ce lien personnel fonctionne jusqu'au {until:%d/%m/%Y}. Ne le transférez pas.\n\n"
        f"— Parcours, pour {structure}"
    )
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [introduction.sent_to])
