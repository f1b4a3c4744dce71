"""Emails of events: the reminder the day before a session, the notice of a
cancellation, the notice of a new date or place. Professionals receive them unless
they turned them off in « Mon compte » (`notifications`), with a link to the event's
page; a company's contact and a visitor of the public page who left an email receive
them too (they have no account to say otherwise), with a link to the public page while
the event is open to all. A followed person is reached by the structure that registered
them, never by the platform."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from events.enums import EventState, Notice
from events.models import Event, Occurrence, Registration
from notifications.notices import event_notice
from notifications.selectors import opted_out_user_ids
from organizations.models import Membership


def _local(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%d/%m/%Y} à {local:%H} h {local:%M}"


def _recipients(event, notice: str) -> tuple[list[str], list[str]]:
    """(with an account, without): the members of the organizations that registered
    someone and the professionals registered themselves, those who turned `notice` off
    left out; then the registrants without an account who left an email (a company's
    contact, a visitor of the public page)."""
    rows = Registration.objects.filter(event=event, cancelled_at__isnull=True).select_related(
        "user", "contact"
    )
    user_ids, emails = set(), []
    for registration in rows:
        if registration.user_id:
            user_ids.add(registration.user_id)
        elif registration.contact_id and registration.contact.email:
            emails.append(registration.contact.email)
        elif registration.email:
            emails.append(registration.email)
    registering = {r.organization_id for r in rows if r.kind == "person" and r.organization_id}
    members = Membership.objects.active().filter(organization_id__in=registering)
    user_ids |= set(members.values_list("user_id", flat=True))
    opted_out = opted_out_user_ids(event_notice(notice), user_ids)
    accounts = list(
        User.objects.filter(pk__in=user_ids - opted_out)
        .order_by("pk")
        .values_list("email", flat=True)
    )
    accounts = list(dict.fromkeys(e for e in accounts if e))
    others = [e for e in dict.fromkeys(emails) if e and e not in accounts]
    return accounts, others


def _links(event) -> tuple[str, str]:
    """The event's page for who has an account; the public page for who has none, while
    the event is open to all (else no link: the email says it all)."""
    account = settings.SITE_URL + reverse("event_detail", args=[event.pk])
    public = ""
    if event.is_public and event.state == EventState.SCHEDULED:
        public = settings.SITE_URL + reverse("public_event", args=[event.pk])
    return account, public


def _send(event, notice: str, subject: str, text: str) -> int:
    """`text` to every recipient, each with the link they can open."""
    accounts, others = _recipients(event, notice)
    account_link, public_link = _links(event)

    def body(link):
        detail = f"\n\nLe détail : {link}" if link else ""
        return f"Bonjour,\n\n{text}{detail}\n\n— Parcours"

    messages = [(subject, body(account_link), settings.DEFAULT_FROM_EMAIL, [e]) for e in accounts]
    messages += [(subject, body(public_link), settings.DEFAULT_FROM_EMAIL, [e]) for e in others]
    return send_mass_mail(messages) if messages else 0


def _where(event) -> str:
    return event.place or "lieu à préciser"


@task()
def send_cancellation_notice(*, event_id: int, occurrence_id: int | None = None) -> int:
    event = Event.objects.select_related("commune").get(pk=event_id)
    if occurrence_id:
        occurrence = Occurrence.objects.get(pk=occurrence_id)
        what = f"La séance du {_local(occurrence.starts_at)} de « {event.title} » est annulée."
    else:
        what = f"L'événement « {event.title} » du {_local(event.starts_at)} est annulé."
    reason = (
        f"\n\nMotif : {event.cancel_reason}" if event.cancel_reason and not occurrence_id else ""
    )
    return _send(event, Notice.CANCELLED, f"Annulation : {event.title}", what + reason)


@task()
def send_change_notice(*, event_id: int) -> int:
    """The event moved (its date or its place): what it is now, and its page. Sent to
    whom a cancellation would be, with its own preference."""
    event = Event.objects.select_related("commune").get(pk=event_id)
    if event.state == EventState.CANCELLED:
        return 0
    if event.is_recurring:
        first = (
            event.occurrences.filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True)
            .order_by("starts_at")
            .first()
        )
        when = f"la prochaine séance a lieu le {_local(first.starts_at)}" if first else ""
        when = when or "aucune séance n'est plus prévue"
    else:
        when = f"il a lieu le {_local(event.starts_at)}"
    text = f"L'événement « {event.title} » a changé : {when}, {_where(event)}." + (
        f"\nEn ligne : {event.online_url}" if event.online_url else ""
    )
    return _send(event, Notice.CHANGED, f"Changement : {event.title}", text)


def sessions_of_tomorrow(now):
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time.min))
    return Occurrence.objects.filter(
        starts_at__gte=start,
        starts_at__lt=start + timedelta(days=1),
        cancelled_at__isnull=True,
        event__state=EventState.SCHEDULED,
    ).select_related("event", "event__commune")


@task()
def send_reminder(*, occurrence_id: int) -> int:
    occurrence = Occurrence.objects.select_related("event", "event__commune").get(pk=occurrence_id)
    event = occurrence.event
    text = (
        f"Pour rappel, « {event.title} » ({event.get_kind_display().lower()}) "
        f"a lieu demain, le {_local(occurrence.starts_at)} : {_where(event)}."
        + (f"\nEn ligne : {event.online_url}" if event.online_url else "")
    )
    return _send(event, Notice.REMINDER, f"Demain : {event.title}", text)


def reminders_run(now=None) -> dict:
    """The periodic job (hourly): the reminders of tomorrow's sessions, each session
    once (`Occurrence.reminded_at`, claimed before the email is queued)."""
    now = now or timezone.now()
    sent = 0
    for occurrence in sessions_of_tomorrow(now).filter(reminded_at__isnull=True):
        updated = Occurrence.objects.filter(pk=occurrence.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if updated:
            send_reminder.enqueue(occurrence_id=occurrence.pk)
            sent += 1
    return {"reminders": sent}
