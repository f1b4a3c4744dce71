"""Reads about exits: the post-exit checks due in a structure, a pathway's checks and
reviews, the reviews a prescriber received."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from exits.models import ExitReview, PostExitCheck
from pathways.models import Pathway


def due_checks(organization, *, today=None):
    """The organization's post-exit checks due today or before, not recorded yet, of
    active files (a merged or anonymised one asks nothing), oldest first."""
    today = today or timezone.localdate()
    return (
        PostExitCheck.objects.due(today)
        .filter(
            # From the organization's pathways, not from every check due on the platform:
            # unrecorded checks pile up nationwide, and joining each of them to its
            # pathway to keep the organization's cost 130 ms at a million people (20 now).
            pathway__in=Pathway.objects.filter(organization=organization).values("pk"),
            pathway__person__merged_into__isnull=True,
            pathway__person__anonymised_at__isnull=True,
        )
        .select_related("pathway__person", "pathway__referent")
        .order_by("due_on", "id")
    )


def checks_of(pathway):
    return checks_of_pathways([pathway])


def checks_of_pathways(pathways):
    return PostExitCheck.objects.filter(pathway__in=pathways).select_related("recorded_by")


def reviews_of_referral(referral):
    return ExitReview.objects.filter(referral=referral).order_by("-sent_at", "-id")


def with_review_flag(referrals):
    """The referrals, each with `has_exit_review` (« Mes orientations »), in the same
    query."""
    return referrals.annotate(
        has_exit_review=Exists(ExitReview.objects.filter(referral=OuterRef("pk")))
    )
