"""The end-of-pathway review, emailed to the prescriber who referred the person (the
person who signed the referral, or the whole sending organization), like the answer to
their referral: a user who opted out of answers gets no email."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from exits.models import ExitReview
from notifications.notices import referral_notice
from notifications.selectors import opted_out_user_ids
from referrals.enums import Notice
from referrals.tasks import answer_recipients as recipients_of


def render_review_email(review: ExitReview) -> tuple[str, str]:
    referral = review.referral
    subject = f"Fin de parcours de {referral.person} : {review.get_exit_category_display()}"
    body = render_to_string(
        "emails/exit_review.txt",
        {
            "review": review,
            "referral": referral,
            "link": settings.SITE_URL + reverse("referral_detail", args=[referral.pk]),
        },
    )
    return subject, body


@task()
def send_exit_review(*, review_id: int) -> int:
    review = (
        ExitReview.objects.select_related(
            "referral__person", "referral__from_organization", "referral__to_organization"
        )
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        return 0
    recipients = recipients_of(review.referral, Notice.ANSWERED)
    opted_out = opted_out_user_ids(referral_notice(Notice.ANSWERED), [pk for pk, _ in recipients])
    emails = [email for pk, email in recipients if pk not in opted_out]
    if not emails:
        return 0
    subject, body = render_review_email(review)
    return send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    )
