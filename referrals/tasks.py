"""The referral emails, sent by the task worker (see `referrals.notifications`).

Who gets what: the receiving structure's members get the new referral and the
reminders; the answer and the expiry go back to the person who sent it (or to the whole
sending organization when nobody signed it). A user who opted out of a notice in « Mon
compte » gets no email for it."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from notifications.notices import referral_notice
from notifications.selectors import opted_out_user_ids
from referrals.enums import Notice
from referrals.models import EndingNotice, Referral

TO_RECEIVER = (Notice.NEW, Notice.REMINDER_7, Notice.REMINDER_21)

SUBJECTS = {
    Notice.NEW: "Nouvelle orientation : {person}",
    Notice.ANSWERED: "Réponse à votre orientation de {person} : {state}",
    Notice.REMINDER_7: "Orientation de {person} en attente de réponse depuis 7 jours",
    Notice.REMINDER_21: "Orientation de {person} en attente de réponse depuis 21 jours",
    Notice.EXPIRED: "Orientation de {person} expirée sans réponse",
}


def answer_recipients(referral: Referral, event: str) -> list[tuple[int, str]]:
    """(user id, email) of the people to write to, before preferences."""
    to_receiver = event in TO_RECEIVER
    organization = referral.to_organization if to_receiver else referral.from_organization
    if organization is None:
        return []
    members = organization.memberships.active()
    if not to_receiver and referral.from_user_id:
        signed = members.filter(user_id=referral.from_user_id)
        if signed.exists():
            members = signed
    return list(members.values_list("user_id", "user__email").order_by("pk"))


def render_referral_email(referral: Referral, event: str) -> tuple[str, str]:
    subject = SUBJECTS[Notice(event)].format(
        person=referral.person, state=referral.get_state_display().lower()
    )
    body = render_to_string(
        f"emails/referral_{event}.txt",
        {
            "referral": referral,
            "link": settings.SITE_URL + reverse("referral_detail", args=[referral.pk]),
        },
    )
    return subject, body


@task()
def send_referral_email(*, referral_id: int, event: str) -> int:
    referral = (
        Referral.objects.select_related(
            "person",
            "to_organization",
            "from_organization",
            "from_user",
            "wanted_job",
            "redirected_to__to_organization",
        )
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        return 0
    recipients = answer_recipients(referral, event)
    opted_out = opted_out_user_ids(referral_notice(event), [pk for pk, _ in recipients])
    emails = [email for pk, email in recipients if pk not in opted_out]
    if not emails:
        return 0
    subject, body = render_referral_email(referral, event)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    return send_mass_mail(messages)


def _ending_recipients(notice: EndingNotice) -> list[str]:
    """Who referred the person, if they are still a member of the prescriber; else
    every member of it."""
    members = notice.organization.memberships.active()
    referral = (
        Referral.objects.filter(pathway=notice.pathway, from_organization=notice.organization)
        .exclude(from_user=None)
        .order_by("-sent_at", "-id")
        .first()
    )
    if referral is not None:
        signed = members.filter(user_id=referral.from_user_id)
        if signed.exists():
            members = signed
    return list(members.values_list("user__email", flat=True).order_by("pk"))


@task()
def send_ending_email(*, notice_id: int) -> int:
    notice = (
        EndingNotice.objects.select_related(
            "organization", "pathway__person", "pathway__organization"
        )
        .filter(pk=notice_id)
        .first()
    )
    if notice is None:
        return 0
    emails = _ending_recipients(notice)
    if not emails:
        return 0
    person = notice.pathway.person
    subject = f"PASS IAE de {person} : fin le {notice.ends_on:%d/%m/%Y}"
    body = render_to_string(
        "emails/pass_ending.txt",
        {
            "notice": notice,
            "person": person,
            "structure": notice.pathway.organization,
            "days_left": (notice.ends_on - timezone.localdate(notice.sent_at)).days,
            "link": settings.SITE_URL + reverse("referral_sent_list") + "#pass-se-terminant",
        },
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    return send_mass_mail(messages)
