"""When a person was last in contact, read from the data itself, and who is due for a
warning or for anonymisation.

« Last contact » is the latest of: the record's creation, `Person.last_contact_at`
(appointments attended, notes, calls), the person's latest timeline event (every service
that changes the story writes one: entries, referrals, pathway steps, barriers, plan,
documents, introductions, immersions), their latest appointment (a planned one counts:
someone is expecting them), the latest change of step of their pathways and the latest
move of their referrals. A PASS IAE still running also holds the file: it is the
person's right to be hired in an inclusion structure, and its number would be lost."""

from datetime import timedelta

from django.db.models import DateTimeField, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest

from pathways.models import Pathway, Transition
from persons.models import Person
from plans.models import Appointment
from referrals.models import Referral, ReferralTransition
from retention.models import ErasureWarning
from timeline.models import TimelineEvent

RETENTION = timedelta(days=730)  # two years after the last contact
NOTICE = timedelta(days=30)  # the referent is warned this long before


def _latest(model, person_lookup: str, field: str):
    rows = model.objects.filter(**{person_lookup: OuterRef("pk")}).order_by(f"-{field}")
    return Coalesce(
        Subquery(rows.values(field)[:1], output_field=DateTimeField()),
        F("created_at"),
    )


def with_last_activity(people):
    return people.annotate(
        last_activity=Greatest(
            Coalesce(F("last_contact_at"), F("created_at")),
            _latest(TimelineEvent, "person", "occurred_at"),
            _latest(Appointment, "person", "at"),
            _latest(Transition, "pathway__person", "at"),
            _latest(Referral, "person", "created_at"),
            _latest(ReferralTransition, "referral__person", "at"),
            output_field=DateTimeField(),
        )
    )


def last_activity_of(person):
    return with_last_activity(Person.objects.filter(pk=person.pk)).values_list(
        "last_activity", flat=True
    )[0]


def _candidates(now, inactive_before):
    """Files nobody touched since `inactive_before`, not already anonymised, not a
    merged duplicate (it goes with the record it was merged into)."""
    running_pass = Pathway.objects.filter(person=OuterRef("pk"), pass_end__gte=now.date())
    people = Person.objects.filter(anonymised_at__isnull=True, merged_into__isnull=True).filter(
        ~Exists(running_pass)
    )
    return with_last_activity(people).filter(last_activity__lt=inactive_before)


def _warned(**conditions):
    return Exists(
        ErasureWarning.objects.filter(
            person=OuterRef("pk"), warned_at__gt=OuterRef("last_activity"), **conditions
        )
    )


def due_for_warning(now):
    """Files to be anonymised within 30 days whose referent was not warned since the
    last contact."""
    return (
        _candidates(now, now - RETENTION + NOTICE)
        .filter(~_warned())
        .order_by("last_activity", "pk")
    )


def due_for_anonymisation(now):
    """Files two years without contact, whose referent was warned at least 30 days ago
    (a file nobody was warned about waits its 30 days after the warning)."""
    return (
        _candidates(now, now - RETENTION)
        .filter(_warned(warned_at__lte=now - NOTICE))
        .order_by("last_activity", "pk")
    )
