from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from persons.models import Person
from retention.recipients import warning_recipients


@task()
def send_erasure_warning(*, person_id: int, deadline: str) -> int:
    """Tell the referents a file will be anonymised on `deadline` unless there is news
    of the person. Nothing is sent for a file anonymised or merged meanwhile."""
    person = Person.objects.active().filter(pk=person_id).first()
    if person is None:
        return 0
    recipients = [u.email for u in warning_recipients(person) if u.email]
    if not recipients:
        return 0
    subject = f"Dossier de {person} : anonymisation prévue dans 30 jours"
    body = render_to_string(
        "emails/erasure_warning.txt",
        {
            "person": person,
            "deadline": date.fromisoformat(deadline),
            "link": settings.SITE_URL + reverse("person_detail", args=[person.pk]),
        },
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages)
