"""Account emails, sent by the task worker."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from accounts.models import User


@task()
def send_signin_failures_notice(*, user_id: int, failures: int) -> None:
    """Tell the owner that their account sees repeated failed sign-ins."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    context = {
        "user": user,
        "failures": failures,
        "reset_link": settings.SITE_URL + reverse("account_reset_password"),
        "mfa_link": settings.SITE_URL + reverse("mfa_index"),
    }
    send_mail(
        subject="Tentatives de connexion à votre compte Parcours",
        message=render_to_string("emails/signin_failures.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
