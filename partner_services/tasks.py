"""The service referral emails, sent by the task worker once the transaction commits
(`partner_services.notifications`).

Who gets what: a new referral goes to the members of the partner organization that owns
the service, or, for a service without an account on Parcours (or whose organization has
no active member), to its contact address with the signed link to answer
(`partner_services.links`); the partner's answer goes back
to the person who sent the referral (or to the whole sending organization when they are
no longer a member). A user who opted out of a notice in « Mon compte » gets no email
for it. The emails name the person by first name and initial only: the page behind the
link says the rest of what the partner needs."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from notifications.notices import service_referral_notice
from notifications.selectors import opted_out_user_ids
from partner_services import links
from partner_services.enums import Notice
from partner_services.models import ServiceReferral


def _referral(referral_id: int) -> ServiceReferral | None:
    return (
        ServiceReferral.objects.select_related(
            "person", "service__organization", "from_organization", "by"
        )
        .filter(pk=referral_id)
        .first()
    )


def _members(organization, *, only_user_id=None) -> list[tuple[int, str]]:
    members = organization.memberships.active()
    if only_user_id is not None:
        signed = members.filter(user_id=only_user_id)
        if signed.exists():
            members = signed
    return list(members.values_list("user_id", "user__email").order_by("pk"))


def recipients(referral: ServiceReferral, event: str) -> list[str]:
    """The addresses of the members to write to, preferences applied."""
    if event == Notice.NEW:
        organization = referral.service.organization
        if organization is None:
            return []
        members = _members(organization)
    else:
        members = _members(referral.from_organization, only_user_id=referral.by_id)
    opted_out = opted_out_user_ids(service_referral_notice(event), [pk for pk, _ in members])
    return [email for pk, email in members if pk not in opted_out]


def render_email(referral: ServiceReferral, event: str) -> tuple[str, str]:
    person = referral.person.display_name_for_employer
    context = {"referral": referral, "person": person}
    if event == Notice.NEW and referral.link_sent_to:
        context["link"] = settings.SITE_URL + reverse(
            "service_referral_link", args=[links.token_for(referral)]
        )
        context["until"] = timezone.localtime(links.expires_at(referral))
        subject = f"Une personne orientée vers votre service « {referral.service.name} »"
        return subject, render_to_string("emails/service_referral_link.txt", context)
    if event == Notice.NEW:
        context["link"] = settings.SITE_URL + reverse("service_referral_detail", args=[referral.pk])
        subject = f"Nouvelle orientation vers « {referral.service.name} » : {person}"
        return subject, render_to_string("emails/service_referral_new.txt", context)
    context["link"] = settings.SITE_URL + reverse(
        "person_barriers", kwargs={"person_pk": referral.person_id}
    )
    subject = (
        f"{referral.service.name} : orientation de {person} {referral.get_state_display().lower()}"
    )
    return subject, render_to_string("emails/service_referral_answered.txt", context)


@task()
def send_service_referral_email(*, referral_id: int, event: str) -> int:
    referral = _referral(referral_id)
    if referral is None:
        return 0
    if event == Notice.NEW and referral.link_sent_to:
        addresses = [referral.link_sent_to]
    else:
        addresses = recipients(referral, event)
    if not addresses:
        return 0
    subject, body = render_email(referral, event)
    return send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    )
