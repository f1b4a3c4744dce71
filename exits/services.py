"""Writes after an exit: the check planned 6 months on (and recorded then), and the
review sent to the prescriber. Called by `employment.services.pathway_close`, in its
transaction, and by the check's page and endpoint. Each step is logged (audit, pathway
transitions, timeline)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from barriers.enums import BarrierStatus
from barriers.models import PersonBarrier
from employment.enums import COUNSELLOR_CHANNELS
from employment.exits import proposed_exit
from exits import notifications
from exits.enums import Situation
from exits.models import ExitReview, PostExitCheck
from lib.calendar_months import add_months
from lib.sensitive_words import CATEGORY_LABELS, sensitive_words
from pathways import services as pathway_services
from pathways.access import require_pathway_manager
from pathways.enums import PathwayState
from pathways.models import Pathway
from plans.enums import ActionStatus, Attendance
from plans.models import Action, Appointment
from referrals.models import Referral
from timeline.models import Audience, EventKind
from timeline.services import record_event

CHECK_AFTER_MONTHS = 6
NOTE_MAX_LENGTH = 1000


def _event(pathway: Pathway, title: str, *, detail="", audience=Audience.TEAM, user=None):
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=title,
        detail=detail,
        audience=audience,
        organization=pathway.organization,
        subject=pathway,
        actor=user,
    )


@transaction.atomic
def plan_check(*, pathway: Pathway, user) -> PostExitCheck:
    """The check 6 calendar months after the exit date; the pathway enters its
    follow-up after the exit (closed → post_exit) until the check is recorded."""
    require_pathway_manager(pathway=pathway, actor=user)
    if pathway.state != PathwayState.CLOSED or pathway.closed_on is None:
        raise ValidationError("Le suivi après sortie se prévoit à la clôture du parcours.")
    due_on = add_months(pathway.closed_on, CHECK_AFTER_MONTHS)
    check = PostExitCheck.objects.create(pathway=pathway, due_on=due_on)
    pathway_services.pathway_follow_after_exit(
        pathway=pathway, user=user, comment=f"Suivi après sortie prévu le {due_on:%d/%m/%Y}"
    )
    return check


@transaction.atomic
def check_record(
    *,
    check: PostExitCheck,
    user,
    done_on: date,
    situation: str,
    channel: str,
    comment: str = "",
) -> PostExitCheck:
    """The person's situation after the exit; the follow-up after the exit ends
    (post_exit → closed, the exit unchanged)."""
    require_pathway_manager(pathway=check.pathway, actor=user)
    check = PostExitCheck.objects.select_for_update().select_related("pathway").get(pk=check.pk)
    pathway = check.pathway
    if check.done_on is not None:
        raise ValidationError("Ce suivi après sortie est déjà enregistré.")
    if situation not in Situation.values:
        raise ValidationError("Choisissez la situation dans la liste.")
    if channel not in COUNSELLOR_CHANNELS:
        raise ValidationError("Choisissez le moyen d'échange dans la liste.")
    if done_on > timezone.localdate():
        raise ValidationError("La date du suivi ne peut pas être dans le futur.")
    if pathway.closed_on and done_on < pathway.closed_on:
        raise ValidationError("Le suivi après sortie ne peut pas précéder la sortie.")
    check.done_on = done_on
    check.situation = situation
    check.channel = channel
    check.comment = comment.strip()
    check.recorded_by = user
    check.save()
    _event(
        pathway,
        f"Suivi après sortie : {check.get_situation_display().lower()}",
        detail=f"Le {done_on:%d/%m/%Y}, {check.get_channel_display().lower()}",
        audience=Audience.MILESTONE,
        user=user,
    )
    pathway_services.pathway_end_follow_up(
        pathway=pathway, user=user, comment="Suivi après sortie enregistré"
    )
    return check


def referral_of(pathway: Pathway) -> Referral | None:
    """The referral by a prescriber that opened the pathway, if any."""
    return (
        Referral.objects.filter(pathway=pathway, from_organization__isnull=False)
        .select_related("from_organization", "from_user")
        .order_by("-sent_at", "-id")
        .first()
    )


def check_note(note: str) -> str:
    """The counsellor's words to the prescriber: short, and nothing of the person's
    health, disability, justice, benefits, family or housing."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            f"Le mot au prescripteur tient en {NOTE_MAX_LENGTH} caractères "
            f"(il en compte {len(note)})."
        )
    found = sensitive_words(note)
    if found:
        words = ", ".join(f"« {hit.words} » ({CATEGORY_LABELS[hit.category]})" for hit in found)
        raise ValidationError(
            f"Le bilan au prescripteur ne dit rien de la situation personnelle : retirez {words}."
        )
    return note


def _facts(pathway: Pathway) -> dict:
    """What was done, in figures: the structure's appointments attended and the actions
    done during the pathway, barriers lifted (counted, never named)."""
    appointments = Appointment.objects.filter(
        person=pathway.person,
        organization=pathway.organization,
        attendance=Attendance.ATTENDED,
        at__date__gte=pathway.started_on,
    )
    if pathway.closed_on:
        appointments = appointments.filter(at__date__lte=pathway.closed_on)
    actions = Action.objects.filter(person=pathway.person, status=ActionStatus.DONE).filter(
        Q(pathway=pathway) | Q(pathway__isnull=True)
    )
    return {
        "appointments_attended": appointments.count(),
        "actions_done": actions.count(),
        "barriers_lifted": PersonBarrier.objects.filter(
            person=pathway.person, status=BarrierStatus.LIFTED
        ).count(),
    }


@transaction.atomic
def review_send(*, pathway: Pathway, user, note: str = "") -> ExitReview | None:
    """The end-of-pathway review to the prescriber who referred the person, shown on
    the referral and emailed; None when no prescriber referred them."""
    require_pathway_manager(pathway=pathway, actor=user)
    note = check_note(note)
    referral = referral_of(pathway)
    if referral is None:
        return None
    proposal = proposed_exit(pathway)
    contract = proposal.contract if proposal is not None else None
    review = ExitReview.objects.create(
        pathway=pathway,
        referral=referral,
        started_on=pathway.started_on,
        closed_on=pathway.closed_on,
        exit_reason=pathway.exit_reason,
        exit_category=pathway.exit_category,
        contract_type=contract.contract_type if contract else "",
        note=note,
        sent_by=user,
        **_facts(pathway),
    )
    _event(
        pathway,
        f"Bilan de fin de parcours envoyé à {referral.from_organization}",
        audience=Audience.MILESTONE,
        user=user,
    )
    notifications.on_commit(review)
    return review
