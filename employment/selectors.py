"""Reads about employment: a pathway's contracts with their changes and follow-up, what
« À traiter » lists (contracts ending, overdue checkpoints, open alerts), what the task
worker sends (the employer's links, the referent's reminders), and retention at 1, 3 and
6 months."""

from datetime import date, timedelta
from enum import StrEnum

from django.db.models import Prefetch
from django.utils import timezone

from companies.models import Contact
from employment.enums import ContractState, Side
from employment.followup import REMINDER_DELAY, default_steps, in_order
from employment.models import Alert, Checkpoint, CheckpointSide, Contract, FollowUpCalendar
from lib.calendar_months import add_months
from pathways.state_machine import ENDED_STATES


def contracts_of(pathway):
    """The pathway's contracts, newest first, with everything their block shows."""
    return contracts_of_pathways([pathway])


def contracts_of_pathways(pathways):
    """The contracts of several pathways (a person's pathways tab), newest first, with
    everything their blocks show: the same queries for one pathway or ten."""
    return (
        Contract.objects.filter(pathway__in=pathways)
        .select_related("company", "employer_organization", "offer", "introduction")
        .prefetch_related(
            "changes",
            "transitions",
            Prefetch(
                "checkpoints",
                queryset=Checkpoint.objects.prefetch_related(
                    Prefetch("sides", queryset=CheckpointSide.objects.order_by("side"))
                ),
            ),
        )
    )


def hires_without_contract(pathway):
    """The introductions by the pathway's structure that ended in a hire and hold no
    contract yet: each is a contract to record, prefilled from it."""
    return hires_without_contract_at(pathway.person_id, [pathway.organization_id])


def hires_without_contract_at(person_id, organization_ids):
    """`hires_without_contract` of the person by any of `organization_ids`, in one
    query."""
    from offers.enums import IntroductionState
    from offers.models import Introduction

    return (
        Introduction.objects.filter(
            person_id=person_id,
            introduced_by_id__in=organization_ids,
            state=IntroductionState.HIRED,
            contracts__isnull=True,
        )
        .select_related("offer__company")
        .order_by("-answered_at", "-pk")
    )


def _of_organization(queryset, organization, path="pathway__"):
    return queryset.filter(**{f"{path}organization": organization}).exclude(
        **{f"{path}state__in": ENDED_STATES}
    )


def contracts_ending(organization, *, within_days: int, today=None):
    """Running contracts of the organization's open pathways whose planned end falls
    within `within_days` (today included), soonest first."""
    today = today or timezone.localdate()
    return (
        _of_organization(Contract.objects.running(), organization)
        .filter(end_date__gte=today, end_date__lte=today + timedelta(days=within_days))
        .select_related("person", "company", "employer_organization")
        .order_by("end_date", "id")
    )


def overdue_checkpoint_sides(organization, *, today=None):
    """Checkpoint sides of running contracts planned before today and not yet done."""
    today = today or timezone.localdate()
    return (
        _of_organization(
            CheckpointSide.objects.overdue(today), organization, "checkpoint__contract__pathway__"
        )
        .select_related("checkpoint__contract__person")
        .order_by("planned_on", "id")
    )


def open_alerts(organization):
    return (
        Alert.objects.open()
        .filter(pathway__organization=organization)
        .select_related("pathway__person", "pathway__referent", "contract")
        .order_by("raised_at", "id")
    )


# --- the follow-up's calendar and the employer's contact --------------------------------


def follow_up_steps(organization) -> list[str]:
    """The checkpoint steps the structure chose, or the default ones."""
    calendar = FollowUpCalendar.objects.filter(organization=organization).first()
    return in_order(calendar.steps) if calendar and calendar.steps else default_steps()


def employer_contact(contract: Contract) -> str:
    """Where the employer's link goes by default: the address a counsellor last typed
    for this contract, else the contact the introduction was sent to, else a contact of
    the company kept by the structure, else the inclusion employer's address; "" when
    nothing is known (the counsellor types one)."""
    if contract.employer_contact_email:
        return contract.employer_contact_email
    if contract.introduction_id and contract.introduction.sent_to:
        return contract.introduction.sent_to
    if contract.company_id:
        contact = (
            Contact.objects.filter(
                organization_id=contract.pathway.organization_id, company_id=contract.company_id
            )
            .exclude(email="")
            .order_by("id")
            .first()
        )
        if contact is not None:
            return contact.email
        return ""
    return contract.employer_organization.email if contract.employer_organization_id else ""


# --- what the task worker sends ---------------------------------------------------------


def _running_and_open(queryset):
    return queryset.filter(checkpoint__contract__state=ContractState.RUNNING).exclude(
        checkpoint__contract__pathway__state__in=ENDED_STATES
    )


def employer_sides_due(today):
    """Employer sides due (today or before), not done, whose link was never sent."""
    return (
        _running_and_open(CheckpointSide.objects.filter(side=Side.EMPLOYER))
        .filter(done_on__isnull=True, link_sent_at__isnull=True, planned_on__lte=today)
        .select_related(
            "checkpoint__contract__introduction", "checkpoint__contract__employer_organization"
        )
        .order_by("planned_on", "id")
    )


def sides_to_remind(today):
    """Sides overdue by REMINDER_DELAY whose referent was not reminded yet."""
    return (
        _running_and_open(CheckpointSide.objects.overdue(today - REMINDER_DELAY))
        .filter(reminded_at__isnull=True)
        .select_related("checkpoint__contract__pathway")
        .order_by("planned_on", "id")
    )


# --- retention ----------------------------------------------------------------------------

RETENTION_MONTHS = (1, 3, 6)


class Retained(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_YET = "not_yet"


RETAINED_LABELS = {
    Retained.YES: "Oui, en poste",
    Retained.NO: "Non",
    Retained.NOT_YET: "Pas encore connu",
}


def retention_at(
    *, start: date, months: int, ended_on: date | None, planned_end: date | None, today: date
) -> Retained:
    """Whether the person still held the job `months` months after `start`, as far as
    today tells. Held means under contract on the last day of the `months`-th month (a
    CDD of exactly six months holds six months, as in `exits.lasts_durably`); a renewal
    or a move to CDI is the same contract (its changes), so it holds on.

    The job's last day is known once it is past: the day it ended or broke, or the
    planned end when that day has passed without a renewal recorded. Then the answer is
    yes or no by that day; otherwise not yet until the day is reached, yes after."""
    milestone = add_months(start, months) - timedelta(days=1)
    last_day = ended_on
    if last_day is None and planned_end is not None and planned_end < today:
        last_day = planned_end
    if last_day is not None:
        return Retained.YES if last_day >= milestone else Retained.NO
    return Retained.NOT_YET if today < milestone else Retained.YES


def retention_of(contract: Contract, today: date | None = None) -> list[dict]:
    """Retention at 1, 3 and 6 months of one contract: month, date, code, label."""
    today = today or timezone.localdate()
    rows = []
    for months in RETENTION_MONTHS:
        value = retention_at(
            start=contract.start_date,
            months=months,
            ended_on=contract.ended_on,
            planned_end=contract.end_date,
            today=today,
        )
        rows.append(
            {
                "months": months,
                "on": add_months(contract.start_date, months) - timedelta(days=1),
                "retained": str(value),
                "label": RETAINED_LABELS[value],
            }
        )
    return rows


def sides_of(contract: Contract):
    """Both sides of every checkpoint of the contract, in the calendar's order."""
    return (
        CheckpointSide.objects.filter(checkpoint__contract=contract)
        .select_related("checkpoint")
        .order_by("planned_on", "checkpoint_id", "side")
    )


def open_alerts_of(pathways):
    """The open alerts of these pathways (already fetched for their user), newest first."""
    return (
        Alert.objects.open()
        .filter(pathway__in=pathways)
        .only("pathway_id", "kind", "raised_at")
        .order_by("-raised_at", "-id")
    )
