"""Reads of the action plan: one person's plan, and the worklist's own items."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from partner_services.models import ServiceReferral
from persons.models import Person
from plans.enums import ActionStatus, Attendance
from plans.models import Action, Appointment, Document, Note, Objective
from plans.owners import live_seats, organizations_of


def person_objectives(user, person):
    return (
        Objective.objects.about(person, user)
        .select_related("barrier__item")
        .order_by("status", "-id")
    )


def person_actions(user, person):
    return (
        Action.objects.about(person, user)
        .select_related("owner", "owner_service", "objective")
        .order_by("status", "due_on", "id")
    )


def person_appointments(user, person):
    return (
        Appointment.objects.about(person, user).select_related("with_user").order_by("-at", "-id")
    )


def person_notes(user, person):
    return (
        Note.objects.about(person, user)
        .select_related("author", "organization")
        .order_by("-created_at", "-id")
    )


def person_documents(user, person):
    return (
        Document.objects.about(person, user)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )


# --- worklist ------------------------------------------------------------------------
# The user's own items: read through their own indexes (owner, with_user, organization),
# each row then checked against `visible_to` as an EXISTS. `visible_to`'s IN would make
# the database list every person the structure follows first.


# What a worklist row shows of the person, and nothing else (as pathways' rows): a
# person's record has some forty columns.
_PERSON_LABEL = ("person__first_name", "person__last_name", "person__anonymised_at")


def _about_people_followed_by(user) -> Exists:
    return Exists(Person.objects.followed_by(user).filter(pk=OuterRef("person_id")))


def overdue_actions(user):
    """The user's own actions still to do whose due date has passed."""
    return (
        Action.objects.filter(
            _about_people_followed_by(user),
            owner=user,
            status=ActionStatus.TODO,
            due_on__lt=timezone.localdate(),
        )
        .select_related("person")
        .only("person_id", "title", "due_on", *_PERSON_LABEL)
        .order_by("due_on", "id")
    )


def appointments_today(user, organization):
    """Today's appointments with the user, or held by their organization."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)
    scope = Q(with_user=user)
    if organization is not None:
        scope |= Q(organization=organization)
    return (
        Appointment.objects.filter(
            scope, _about_people_followed_by(user), at__gte=start, at__lt=end
        )
        .select_related("person", "with_user")
        .only(
            "person_id",
            "at",
            "subject",
            *_PERSON_LABEL,
            "with_user__first_name",
            "with_user__last_name",
            "with_user__email",
        )
        .order_by("at", "id")
    )


def next_appointment(user, person):
    """The person's next appointment still planned, or None."""
    return (
        Appointment.objects.about(person, user)
        .filter(at__gte=timezone.now(), attendance=Attendance.PLANNED)
        .select_related("with_user")
        .order_by("at", "id")
        .first()
    )


# --- « Mes actions » -----------------------------------------------------------------
# Each owner sees what is theirs, and nothing else of the plan: a team member of another
# organization (a prescriber's adviser seated for the milestones only) sees the actions
# they carry, with the person's name; a partner service's members, the actions of their
# service, for the people referred to it. The owner must still follow the person or
# hold a live seat: a seat that ended takes the action out of the list.


def actions_owned_by(user):
    organizations = organizations_of(user)
    followed = Exists(Person.objects.followed_by(user).filter(pk=OuterRef("person_id")))
    seated = Exists(
        live_seats().filter(
            user=user, pathway__person=OuterRef("person_id"), organization_id__in=organizations
        )
    )
    referred = Exists(
        ServiceReferral.objects.filter(
            person=OuterRef("person_id"), service=OuterRef("owner_service_id")
        )
    )
    return (
        Action.objects.filter(
            (Q(owner=user) & (Q(followed) | Q(seated)))
            | (Q(owner_service__organization_id__in=organizations) & Q(referred))
        )
        .select_related("person", "owner", "owner_service", "organization")
        .order_by("status", "due_on", "id")
    )
