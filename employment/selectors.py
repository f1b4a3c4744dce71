"""Reads about employment: a pathway's contracts with their changes and follow-up, and
what « À traiter » lists (contracts ending, overdue checkpoints, open alerts)."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from employment.models import Alert, Checkpoint, CheckpointSide, Contract
from pathways.state_machine import TERMINAL_FOR_WORKLIST


def contracts_of(pathway):
    """The pathway's contracts, newest first, with everything their block shows."""
    return (
        Contract.objects.filter(pathway=pathway)
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
    from offers.enums import IntroductionState
    from offers.models import Introduction

    return (
        Introduction.objects.filter(
            person_id=pathway.person_id,
            introduced_by_id=pathway.organization_id,
            state=IntroductionState.HIRED,
            contracts__isnull=True,
        )
        .select_related("offer__company")
        .order_by("-answered_at", "-pk")
    )


def _of_organization(queryset, organization, path="pathway__"):
    return queryset.filter(**{f"{path}organization": organization}).exclude(
        **{f"{path}state__in": TERMINAL_FOR_WORKLIST}
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


def open_alerts_of(pathways):
    """The open alerts of these pathways (already fetched for their user), newest first."""
    return (
        Alert.objects.open()
        .filter(pathway__in=pathways)
        .only("pathway_id", "kind", "raised_at")
        .order_by("-raised_at", "-id")
    )
