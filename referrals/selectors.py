"""Reads about referrals: the structure's inbox, the sender's list, one referral with
what its page shows, and the figures of a list. Every read starts from
`Referral.objects.visible_to(user)`."""

from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from access.policy import active_memberships
from organizations.enums import KindGroup, kinds_of
from organizations.models import Organization
from referrals.enums import ReferralState as S
from referrals.models import Referral
from referrals.state_machine import AWAITING_ANSWER

# Ages worth a warning in the inbox (the reminders go out at the same ages).
AGE_WARNING_DAYS = 7
AGE_ALERT_DAYS = 21

INBOX_SORTS = {
    "": "À traiter d'abord, les plus anciennes en tête",
    "recentes": "Les plus récentes d'abord",
    "anciennes": "Les plus anciennes d'abord",
    "nom": "Nom de la personne",
}

AGE_FILTERS = {
    "moins-7": "Moins de 7 jours",
    "7": "7 jours et plus",
    "21": "21 jours et plus",
}


def _pending_first():
    return Case(
        When(state__in=AWAITING_ANSWER, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def readable_referrals(user):
    """`Referral.objects.visible_to(user)` without the drafts of other organizations: a
    prescriber's draft is not addressed yet, so only its sender reads it."""
    organizations = [m.organization_id for m in active_memberships(user)]
    return Referral.objects.visible_to(user).exclude(
        Q(state=S.DRAFT)
        & Q(from_organization__isnull=False)
        & ~Q(from_organization_id__in=organizations)
    )


def received_referrals(user, organization):
    """Referrals addressed to `organization` (drafts are not addressed yet)."""
    return (
        readable_referrals(user)
        .filter(to_organization=organization)
        .select_related("person", "from_organization", "from_user", "wanted_job")
    )


def sent_referrals(user, organization):
    return (
        readable_referrals(user)
        .filter(from_organization=organization)
        .select_related("person", "to_organization", "wanted_job", "pathway", "redirected_to")
    )


def awaiting_answer(referrals):
    """The referrals still waiting for an answer that someone can give: an anonymised
    person's file can no longer open a pathway, so their referral only waits to expire."""
    return referrals.filter(state__in=AWAITING_ANSWER, person__anonymised_at__isnull=True)


def awaiting_answer_counts(user, organization) -> dict:
    """The home page's referral figures in one query: those addressed to `organization`
    (`received`) and those it sent (`sent`) still awaiting an answer that someone can give."""
    return (
        awaiting_answer(readable_referrals(user))
        .filter(Q(to_organization=organization) | Q(from_organization=organization))
        .aggregate(
            received=Count("pk", filter=Q(to_organization=organization)),
            sent=Count("pk", filter=Q(from_organization=organization)),
        )
    )


def _state_filter(referrals, state: str):
    if state == "en-attente":
        return referrals.filter(state__in=AWAITING_ANSWER)
    if state:
        return referrals.filter(state=state)
    return referrals


def inbox(
    user,
    organization,
    *,
    state: str = "",
    channel: str = "",
    prescriber=None,
    age: str = "",
    sort: str = "",
    now=None,
):
    now = now or timezone.now()
    referrals = _state_filter(received_referrals(user, organization), state)
    if channel:
        referrals = referrals.filter(channel=channel)
    if prescriber is not None:
        referrals = referrals.filter(from_organization=prescriber)
    if age == "moins-7":
        referrals = referrals.filter(sent_at__gt=now - timedelta(days=AGE_WARNING_DAYS))
    elif age in ("7", "21"):
        referrals = referrals.filter(sent_at__lte=now - timedelta(days=int(age)))
    if sort == "recentes":
        return referrals.order_by("-sent_at", "-id")
    if sort == "anciennes":
        return referrals.order_by("sent_at", "id")
    if sort == "nom":
        return referrals.order_by("person__last_name", "person__first_name", "-sent_at", "-id")
    return referrals.annotate(pending=_pending_first()).order_by("pending", "sent_at", "id")


def inbox_prescribers(user, organization):
    """(id, name) of the organizations that sent referrals to `organization`: the
    inbox's filter. Only what an option shows: a large structure hears from hundreds."""
    ids = received_referrals(user, organization).values("from_organization_id")
    return Organization.objects.filter(pk__in=ids).order_by("name", "pk").values_list("pk", "name")


def sent_list(user, organization, *, state: str = "", since=None, until=None):
    referrals = _state_filter(sent_referrals(user, organization), state)
    return in_period(referrals, since, until).order_by("-sent_at", "-created_at", "-id")


def in_period(referrals, since=None, until=None):
    """Referrals sent between two dates (included)."""
    if since is not None:
        referrals = referrals.filter(sent_at__date__gte=since)
    if until is not None:
        referrals = referrals.filter(sent_at__date__lte=until)
    return referrals


def referral_for_page(user, pk: int) -> Referral | None:
    return (
        readable_referrals(user)
        .select_related(
            "person__commune",
            "from_organization",
            "from_user",
            "to_organization",
            "wanted_job",
            "offer",
            "eligibility_diagnosis__organization",
            "redirected_to__to_organization",
            "pathway",
        )
        .prefetch_related("documents", "transitions__by")
        .filter(pk=pk)
        .first()
    )


def structures_taking_referrals():
    """The organizations a person may be referred to: those that accompany people
    (inclusion employers and employment hubs)."""
    kinds = kinds_of(KindGroup.INCLUSION_EMPLOYER) + kinds_of(KindGroup.EMPLOYMENT_HUB)
    return Organization.objects.filter(kind__in=kinds).select_related("commune")


def redirect_targets(referral: Referral):
    """Where a structure may pass a person on: the other structures taking referrals."""
    return (
        structures_taking_referrals().exclude(pk=referral.to_organization_id).order_by("name", "pk")
    )


def sent_about(user, organization, person):
    """The referrals of `person` that `organization` sent (drafts included), newest
    first: what the person's page tells its sender."""
    if organization is None:
        return Referral.objects.none()
    return (
        readable_referrals(user)
        .filter(person=person, from_organization=organization)
        .select_related("to_organization")
        .order_by("-created_at", "-id")
    )
