from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django_tasks import task

from referrals.enums import Notice
from referrals.models import Referral


def _recipients(referral: Referral, event: str) -> list[str]:
    if event in (Notice.NEW, Notice.REMINDER_7, Notice.REMINDER_21):
        organization = referral.to_organization
    else:
        organization = referral.from_organization
    if organization is None:
        return []
    return list(
        organization.memberships.active().values_list("user__email", flat=True).order_by("pk")
    )


SUBJECTS = {
    Notice.NEW: "Nouvelle orientation : {person}",
    Notice.ANSWERED: "Réponse à votre orientation de {person} : {state}",
    Notice.EXPIRED: "Orientation de {person} expirée sans réponse",
}


@task()
def send_referral_email(*, referral_id: int, event: str) -> int:
    referral = Referral.objects.select_related(
        "person", "to_organization", "from_organization"
    ).get(pk=referral_id)
    recipients = _recipients(referral, event)
    if not recipients:
        return 0
    subject = SUBJECTS.get(event, "Orientation de {person} en attente de réponse").format(
        person=referral.person, state=referral.get_state_display().lower()
    )
    link = settings.SITE_URL + reverse("home")
    body = f"{subject}\n\n{referral.to_organization}\n\n{link}\n\n— Parcours"
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages)
