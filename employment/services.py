"""Writes about employment: a contract (by hand or from a hired introduction), its
changes, its end or early break, the checkpoints' sides, the alerts. Each is one
transaction; the pathway moves through `pathways.services`, and every step is written to
the person's timeline."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from access.policy import Capability, require
from audit.context import SYSTEM, user_of
from employment.enums import (
    COUNSELLOR_CHANNELS,
    ISSUES_OF_SIDE,
    AlertKind,
    BreakReason,
    ChangeKind,
    Channel,
    ContractState,
    ContractType,
    HowItGoes,
    Side,
    Step,
)
from employment.exits import proposed_exit
from employment.followup import in_order, steps_for
from employment.models import (
    OPEN_ENDED,
    Alert,
    Checkpoint,
    CheckpointSide,
    Contract,
    ContractChange,
    ContractTransition,
    FollowUpCalendar,
)
from employment.selectors import employer_contact, follow_up_steps
from employment.tasks import send_employer_link, send_referent_notice
from exits import services as exit_services
from lib.calendar_months import add_months
from lib.lifecycle import move
from offers.enums import IntroductionState
from offers.models import Introduction
from organizations.enums import KindGroup, kinds_of
from pathways import services as pathway_services
from pathways.access import require_pathway_manager
from pathways.enums import PathwayState
from pathways.models import Pathway
from pathways.selectors import open_pathway_of
from timeline.models import Audience, EventKind
from timeline.services import record_event

MAX_HOURS = Decimal("48")  # the legal weekly maximum


def _hours(value) -> Decimal:
    """Weekly hours as the column holds them (tenths), so before and after compare."""
    return Decimal(value).quantize(Decimal("0.1"))


def _check_terms(*, contract_type, start_date, end_date, hours_per_week, trial_end=None):
    if contract_type not in ContractType.values:
        raise ValidationError("Choisissez le type de contrat dans la liste.")
    if contract_type in OPEN_ENDED and end_date is not None:
        raise ValidationError("Un CDI n'a pas de date de fin : laissez-la vide.")
    if contract_type not in OPEN_ENDED and end_date is None:
        raise ValidationError("Indiquez la date de fin prévue de ce contrat à durée limitée.")
    if end_date is not None and end_date < start_date:
        raise ValidationError("La date de fin prévue précède la date de début.")
    if hours_per_week is None or not (0 < Decimal(hours_per_week) <= MAX_HOURS):
        raise ValidationError("Indiquez entre 0,5 et 48 heures par semaine.")
    if trial_end is not None and (
        trial_end < start_date or (end_date is not None and trial_end > end_date)
    ):
        raise ValidationError("La fin de la période d'essai doit tomber pendant le contrat.")


def _terms(contract: Contract) -> dict:
    return {
        "contract_type": contract.contract_type,
        "end_date": contract.end_date.isoformat() if contract.end_date else None,
        "hours_per_week": str(contract.hours_per_week),
    }


def _event(contract: Contract, title: str, *, detail="", audience=Audience.TEAM, user=None):
    record_event(
        person=contract.person,
        pathway=contract.pathway,
        kind=EventKind.CONTRACT,
        title=title,
        detail=detail,
        audience=audience,
        organization=contract.pathway.organization,
        subject=contract,
        actor=user_of(user),
    )


def _raise_alert(*, contract: Contract, kind: str, detail: str, user) -> Alert:
    """An alert to the referent, the same day: on their timeline and in « À traiter »."""
    alert = Alert.objects.create(
        pathway=contract.pathway, contract=contract, kind=kind, detail=detail
    )
    record_event(
        person=contract.person,
        pathway=contract.pathway,
        kind=EventKind.FOLLOW_UP,
        title=f"Alerte : {alert.get_kind_display()}",
        detail=detail,
        audience=Audience.ORGANIZATION,
        organization=contract.pathway.organization,
        subject=contract,
        actor=user_of(user),
    )
    return alert


def _to_employment(pathway: Pathway, *, user) -> None:
    """Move the pathway to « en emploi » through its own service (each step logged)."""
    if pathway.state in (PathwayState.INTAKE, PathwayState.DIAGNOSIS):
        pathway = pathway_services.pathway_transition(
            pathway=pathway, to_state=PathwayState.ACTIVE, user=user
        )
    if pathway.state == PathwayState.ACTIVE:
        pathway_services.pathway_transition(
            pathway=pathway, to_state=PathwayState.IN_EMPLOYMENT, user=user, comment="Embauche"
        )


@transaction.atomic
def contract_create(
    *,
    pathway: Pathway,
    user,
    contract_type: str,
    start_date: date,
    hours_per_week,
    end_date: date | None = None,
    company=None,
    employer_organization=None,
    trial_end: date | None = None,
    is_iae: bool | None = None,
    offer=None,
    introduction=None,
) -> Contract:
    """A contract signed during `pathway`, with its follow-up checkpoints; the pathway
    moves to « en emploi ». An IAE contract runs under the pathway's PASS IAE."""
    require_pathway_manager(pathway=pathway, actor=user)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if pathway.state not in (
        PathwayState.INTAKE,
        PathwayState.DIAGNOSIS,
        PathwayState.ACTIVE,
        PathwayState.IN_EMPLOYMENT,
    ):
        raise ValidationError("Le parcours est clos : rouvrez-le avant d'y ajouter un contrat.")
    if (company is None) == (employer_organization is None):
        raise ValidationError("Indiquez l'employeur : une entreprise ou un employeur inclusif.")
    if employer_organization is not None and employer_organization.kind not in kinds_of(
        KindGroup.INCLUSION_EMPLOYER
    ):
        raise ValidationError(f"{employer_organization} n'est pas un employeur inclusif.")
    _check_terms(
        contract_type=contract_type,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        trial_end=trial_end,
    )
    if is_iae is None:
        is_iae = employer_organization is not None and contract_type == ContractType.CDDI
    if is_iae and not pathway.pass_number:
        raise ValidationError(
            "Un contrat IAE court sous un PASS IAE : renseignez d'abord celui du parcours."
        )
    contract = Contract.objects.create(
        person=pathway.person,
        pathway=pathway,
        company=company,
        employer_organization=employer_organization,
        offer=offer,
        introduction=introduction,
        contract_type=contract_type,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=_hours(hours_per_week),
        trial_end=trial_end,
        is_iae=is_iae,
        pass_number=pathway.pass_number if is_iae else "",
        checkpoint_steps=follow_up_steps(pathway.organization),
        created_by=user,
    )
    ContractTransition.record(contract, to_state=contract.state, user=user)
    _plan_checkpoints(contract)
    until = f" au {end_date:%d/%m/%Y}" if end_date else ""
    _event(
        contract,
        f"Embauche : {contract.get_contract_type_display()} chez {contract.employer}",
        detail=f"Du {start_date:%d/%m/%Y}{until}, {contract.hours_per_week} h par semaine",
        audience=Audience.MILESTONE,
        user=user,
    )
    _to_employment(pathway, user=user)
    return contract


def _plan_checkpoints(contract: Contract) -> None:
    """The checkpoints of the contract's term not planned yet, each with its two sides:
    all at signature, those a renewal or a move to CDI brings within the term later."""
    planned = set(contract.checkpoints.values_list("step", flat=True))
    steps = contract.checkpoint_steps
    for step, when in steps_for(contract.start_date, contract.end_date, steps=steps):
        if step in planned:
            continue
        checkpoint = Checkpoint.objects.create(contract=contract, step=step, planned_on=when)
        for side in Side.values:
            CheckpointSide.objects.create(checkpoint=checkpoint, side=side, planned_on=when)


def _end_of(start: date, contract_type: str, duration_months) -> date | None:
    if contract_type in OPEN_ENDED or not duration_months:
        return None
    return add_months(start, duration_months) - timedelta(days=1)


def terms_of_hire(introduction) -> dict:
    """What a hired introduction says of its contract: the offer's type, hours and
    length, the employer, and the start the employer gave (or the offer's)."""
    offer = introduction.offer
    start = introduction.starts_on or offer.start_date or timezone.localdate()
    return {
        "contract_type": offer.contract_type,
        "start_date": start,
        "end_date": _end_of(start, offer.contract_type, offer.duration_months),
        "hours_per_week": offer.hours_per_week,
        "company": offer.company,
    }


def contract_from_introduction(*, introduction, user, **overrides) -> Contract:
    """The contract of a hired introduction, prefilled from its offer (type, hours,
    employer, start, length), on the person's open pathway in the structure that
    introduced them; `overrides` replace any of `contract_create`'s arguments."""
    # Read again: the caller may hold the introduction as it was before the answer.
    introduction = Introduction.objects.select_related("offer__company", "person").get(
        pk=introduction.pk
    )
    if introduction.state != IntroductionState.HIRED:
        raise ValidationError(
            "Seule une mise en relation conclue par une embauche donne un contrat."
        )
    pathway = overrides.pop("pathway", None) or open_pathway_of(
        introduction.person, introduction.introduced_by
    )
    if pathway is None:
        raise ValidationError(
            "Cette personne n'a pas de parcours ouvert dans la structure qui l'a présentée."
        )
    terms = terms_of_hire(introduction)
    if "start_date" in overrides and "end_date" not in overrides:
        offer = introduction.offer
        terms["end_date"] = _end_of(
            overrides["start_date"], terms["contract_type"], offer.duration_months
        )
    arguments = {
        **terms,
        "offer": introduction.offer,
        "introduction": introduction,
        **overrides,
    }
    return contract_create(pathway=pathway, user=user, **arguments)


def _running(contract: Contract) -> Contract:
    contract = (
        Contract.objects.select_for_update(of=("self",))
        .select_related("pathway")
        .get(pk=contract.pk)
    )
    if contract.state != ContractState.RUNNING:
        raise ValidationError(
            f"Ce contrat est « {contract.get_state_display().lower()} » : il ne change plus."
        )
    return contract


@transaction.atomic
def contract_change(
    *,
    contract: Contract,
    kind: str,
    effective_on: date,
    user,
    end_date: date | None = None,
    hours_per_week=None,
    comment: str = "",
) -> ContractChange:
    """A renewal (a later end), a move to CDI, new weekly hours: recorded as a row with
    the terms before and after; the contract holds the current terms."""
    require_pathway_manager(pathway=contract.pathway, actor=user)
    contract = _running(contract)
    if effective_on < contract.start_date:
        raise ValidationError("Le changement ne peut pas précéder le début du contrat.")
    before = _terms(contract)
    if kind == ChangeKind.RENEWAL:
        if contract.contract_type in OPEN_ENDED:
            raise ValidationError("Un CDI ne se renouvelle pas.")
        if end_date is None or end_date <= contract.end_date:
            raise ValidationError("Le renouvellement donne une date de fin plus tardive.")
        contract.end_date = end_date
    elif kind == ChangeKind.PERMANENT:
        if contract.contract_type in OPEN_ENDED:
            raise ValidationError("Ce contrat est déjà sans terme.")
        contract.contract_type = ContractType.CDI
        contract.end_date = None
    elif kind == ChangeKind.HOURS:
        if hours_per_week is None or _hours(hours_per_week) == contract.hours_per_week:
            raise ValidationError("Indiquez le nouvel horaire hebdomadaire.")
        contract.hours_per_week = _hours(hours_per_week)
    else:
        raise ValidationError("Choisissez le changement dans la liste.")
    _check_terms(
        contract_type=contract.contract_type,
        start_date=contract.start_date,
        end_date=contract.end_date,
        hours_per_week=contract.hours_per_week,
    )
    contract.save()
    _plan_checkpoints(contract)
    change = ContractChange.objects.create(
        contract=contract,
        kind=kind,
        effective_on=effective_on,
        before=before,
        after=_terms(contract),
        comment=comment.strip(),
        recorded_by=user,
    )
    _event(
        contract,
        f"Contrat : {change.get_kind_display().lower()} au {effective_on:%d/%m/%Y}",
        audience=Audience.MILESTONE if kind == ChangeKind.PERMANENT else Audience.TEAM,
        user=user,
    )
    return change


@transaction.atomic
def contract_end(*, contract: Contract, on: date, user, comment: str = "") -> Contract:
    """The contract reached its term."""
    require_pathway_manager(pathway=contract.pathway, actor=user)
    if on < contract.start_date:
        raise ValidationError("La fin ne peut pas précéder le début du contrat.")
    move(
        contract,
        ContractState.ENDED,
        log=ContractTransition,
        user=user,
        comment=comment,
        changes={"ended_on": on, "end_comment": comment},
    )
    _event(contract, f"Fin du contrat chez {contract.employer} le {on:%d/%m/%Y}", user=user)
    return contract


@transaction.atomic
def contract_break(*, contract: Contract, reason: str, on: date, user, comment: str = ""):
    """The contract ends before its term: its reason is recorded, the referent alerted,
    and the pathway, if no other contract runs, goes back to « parcours en cours »."""
    require_pathway_manager(pathway=contract.pathway, actor=user)
    if reason not in BreakReason.values:
        raise ValidationError("Choisissez le motif de la rupture dans la liste.")
    if on < contract.start_date:
        raise ValidationError("La rupture ne peut pas précéder le début du contrat.")
    if contract.end_date is not None and on > contract.end_date:
        raise ValidationError("Après la date de fin prévue, le contrat est arrivé à son terme.")
    move(
        contract,
        ContractState.BROKEN,
        log=ContractTransition,
        user=user,
        comment=comment,
        changes={"ended_on": on, "break_reason": reason, "end_comment": comment},
    )
    label = BreakReason(reason).label
    _event(
        contract,
        f"Rupture du contrat chez {contract.employer} le {on:%d/%m/%Y} : {label.lower()}",
        audience=Audience.MILESTONE,
        user=user,
    )
    _raise_alert(
        contract=contract,
        kind=AlertKind.BREAK,
        detail=f"{contract} rompu le {on:%d/%m/%Y} ({label.lower()}).",
        user=user,
    )
    pathway = Pathway.objects.get(pk=contract.pathway_id)
    others = Contract.objects.running().filter(pathway=pathway).exclude(pk=contract.pk)
    if pathway.state == PathwayState.IN_EMPLOYMENT and not others.exists():
        pathway_services.pathway_transition(
            pathway=pathway,
            to_state=PathwayState.ACTIVE,
            user=user,
            comment=f"Rupture du contrat : {label.lower()}",
        )
    return contract


def _check_answer(side: CheckpointSide, *, how_it_goes: str, issues) -> None:
    if how_it_goes not in HowItGoes.values:
        raise ValidationError("Dites comment ça se passe, sur l'échelle proposée.")
    allowed = ISSUES_OF_SIDE[side.side]
    unknown = [issue for issue in issues if issue not in allowed]
    if unknown:
        raise ValidationError(
            "Choisissez les difficultés dans la liste"
            + (
                " : côté employeur, seulement ce qui touche au poste."
                if side.side == Side.EMPLOYER
                else "."
            )
        )


def _record_side(side: CheckpointSide, *, user, detail_suffix: str = "", **answer):
    """Write the side's answer (locked by the caller), log it on the timeline, and
    alert the referent the same day when a difficulty is newly marked serious."""
    was_serious = side.serious
    for name, value in answer.items():
        setattr(side, name, value)
    side.issues = list(dict.fromkeys(side.issues))
    side.recorded_by = user_of(user)
    side.save()
    contract, checkpoint = side.checkpoint.contract, side.checkpoint
    _event(
        contract,
        f"Suivi dans l'emploi, {checkpoint.get_step_display()} ({side.get_side_display().lower()})"
        f" : {side.get_how_it_goes_display().lower()}",
        detail=" — ".join(filter(None, [", ".join(side.issue_labels), detail_suffix])),
        user=user,
    )
    alert = None
    if side.serious and not was_serious:
        alert = _raise_alert(
            contract=contract,
            kind=AlertKind.SERIOUS_ISSUE,
            detail=(
                f"{checkpoint.get_step_display()}, côté {side.get_side_display().lower()} : "
                + (", ".join(side.issue_labels) or side.get_how_it_goes_display().lower())
            ),
            user=user,
        )
    return alert


def _locked_side(side: CheckpointSide) -> CheckpointSide:
    contract = side.checkpoint.contract
    side = CheckpointSide.objects.select_for_update().get(pk=side.pk)
    side.checkpoint.contract = contract
    return side


@transaction.atomic
def checkpoint_side_record(
    *,
    side: CheckpointSide,
    user,
    done_on: date,
    channel: str,
    how_it_goes: str,
    issues: list[str] = (),
    actions: str = "",
    serious: bool = False,
) -> CheckpointSide:
    """What one side said at a checkpoint. A serious difficulty alerts the referent at
    once (timeline and « À traiter »)."""
    contract = side.checkpoint.contract
    require_pathway_manager(pathway=contract.pathway, actor=user)
    side = _locked_side(side)
    if done_on < contract.start_date:
        raise ValidationError("Le point de suivi ne peut pas précéder le début du contrat.")
    if done_on > timezone.localdate():
        raise ValidationError("La date du point de suivi ne peut pas être dans le futur.")
    if channel not in COUNSELLOR_CHANNELS:
        raise ValidationError("Choisissez le moyen d'échange dans la liste.")
    _check_answer(side, how_it_goes=how_it_goes, issues=issues)
    _record_side(
        side,
        user=user,
        done_on=done_on,
        channel=channel,
        how_it_goes=how_it_goes,
        issues=list(issues),
        actions=actions.strip(),
        serious=serious,
    )
    return side


# --- the employer's link -----------------------------------------------------------------

COMMENT_MAX = 2000


@transaction.atomic
def employer_link_send(*, side: CheckpointSide, user, email: str = "", now=None):
    """Email the employer's contact a signed link to answer the employer's side of a
    checkpoint, without an account (`employment.employer_link`): on demand from the
    contract page (`user`, who may type another address, kept for the next links), or
    when the side falls due (`SYSTEM`, to the contract's contact). Sending again
    replaces the link: the previous one then reads as expired."""
    contract = side.checkpoint.contract
    if user is not SYSTEM:
        require_pathway_manager(pathway=contract.pathway, actor=user)
    if side.side != Side.EMPLOYER:
        raise ValidationError("Seul le côté employeur d'un point de suivi s'envoie à l'employeur.")
    email = (email or "").strip().lower()
    typed = bool(email)
    email = email or employer_contact(contract)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            "Indiquez l'adresse électronique du contact chez l'employeur."
        ) from None
    side = _locked_side(side)
    if contract.state != ContractState.RUNNING:
        raise ValidationError("Ce contrat est terminé : son suivi ne s'envoie plus.")
    if side.done_on is not None:
        raise ValidationError("Ce point de suivi est déjà fait, côté employeur.")
    again = side.link_sent_at is not None
    side.link_sent_to = email
    side.link_sent_at = now or timezone.now()
    side.save()
    if typed and email != contract.employer_contact_email:
        contract.employer_contact_email = email
        contract.save()
    step = side.checkpoint.get_step_display()
    _event(
        contract,
        f"Suivi dans l'emploi, {step} : lien {'renvoyé' if again else 'envoyé'} à l'employeur",
        detail=f"À {email}.",
        user=user,
    )
    pk = side.pk
    transaction.on_commit(lambda: send_employer_link.enqueue(side_id=pk))
    return side


@transaction.atomic
def employer_side_answer(
    *,
    side: CheckpointSide,
    how_it_goes: str,
    issues: list[str] = (),
    serious: bool = False,
    comment: str = "",
    today: date | None = None,
) -> CheckpointSide:
    """The employer answers its side from the emailed link (the caller checked the
    token): once; a side already done, by the link or by the counsellor, takes no other
    answer. A serious difficulty alerts the referent the same day, in « À traiter » and
    by email."""
    side = _locked_side(side)
    contract = side.checkpoint.contract
    if side.side != Side.EMPLOYER:
        raise ValidationError("Ce lien ne vaut que pour le côté employeur.")
    if side.done_on is not None:
        raise ValidationError(
            f"Ce point de suivi a déjà reçu une réponse le {side.done_on:%d/%m/%Y} : "
            "elle ne se remplace pas."
        )
    if contract.state != ContractState.RUNNING:
        raise ValidationError("Ce contrat est terminé : le suivi est clos.")
    _check_answer(side, how_it_goes=how_it_goes, issues=issues)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(f"Le commentaire tient en {COMMENT_MAX} caractères au plus.")
    alert = _record_side(
        side,
        user=SYSTEM,
        detail_suffix=f"Réponse de l'employeur par le lien envoyé à {side.link_sent_to}.",
        done_on=today or timezone.localdate(),
        channel=Channel.LINK,
        how_it_goes=how_it_goes,
        issues=list(issues),
        serious=serious,
        comment=comment,
    )
    if alert is not None:
        ids = [side.pk]
        transaction.on_commit(
            lambda: send_referent_notice.enqueue(side_ids=ids, notice="serious_issue")
        )
    return side


@transaction.atomic
def follow_up_calendar_set(*, organization, steps, user) -> FollowUpCalendar:
    """The checkpoint steps of the contracts the structure records from now on (the
    contracts already signed keep theirs). An admin of a structure that follows people."""
    require(user, Capability.EDIT_ORGANIZATION, organization)
    require(user, Capability.FOLLOW_PERSONS, organization)
    if not steps or any(step not in Step.values for step in steps):
        raise ValidationError("Choisissez au moins une étape du suivi dans la liste.")
    calendar, _ = FollowUpCalendar.objects.select_for_update().get_or_create(
        organization=organization
    )
    calendar.steps = in_order(steps)
    calendar.save()
    return calendar


@transaction.atomic
def alert_close(*, alert: Alert, user) -> Alert:
    require_pathway_manager(pathway=alert.pathway, actor=user)
    if alert.closed_at is None:
        alert.closed_at = timezone.now()
        alert.closed_by = user
        alert.save(update_fields=["closed_at", "closed_by"])
    return alert


@transaction.atomic
def pathway_close(
    *,
    pathway: Pathway,
    user,
    exit_reason: str = "",
    override_reason: str = "",
    on: date | None = None,
    comment: str = "",
    review_note: str = "",
):
    """Close the pathway with the exit its facts point to (`exits.proposed_exit`), or
    with another reason the counsellor gives along with why: the one way a pathway
    closes. The check 6 months after the exit is planned, and the prescriber who
    referred the person gets the review (with `review_note`, the counsellor's few
    words). Returns (pathway, computed): `computed` is true when the exit is the one the
    facts gave."""
    require_pathway_manager(pathway=pathway, actor=user)
    review_note = exit_services.check_note(review_note)
    proposal = proposed_exit(pathway)
    override_reason = override_reason.strip()
    if not exit_reason:
        if proposal is None:
            raise ValidationError(
                "Aucun contrat ne permet de proposer la sortie : indiquez le motif de sortie."
            )
        exit_reason = proposal.reason
    computed = proposal is not None and exit_reason == proposal.reason
    if proposal is not None and not computed and not override_reason:
        raise ValidationError(
            f"D'après le dernier contrat, la sortie serait « {proposal.reason_label} » "
            f"({proposal.category_label.lower()}) : dites pourquoi vous en choisissez une autre."
        )
    notes = [comment.strip()] if comment.strip() else []
    if computed:
        notes.append(f"Sortie proposée d'après les faits : {proposal.contract}.")
    elif proposal is not None:
        notes.append(
            f"Sortie choisie à la place de « {proposal.reason_label} » : {override_reason}"
        )
    pathway = pathway_services.pathway_exit(
        pathway=pathway,
        user=user,
        exit_reason=exit_reason,
        comment=" ".join(notes),
        on=on,
    )
    exit_services.review_send(pathway=pathway, user=user, note=review_note)
    exit_services.plan_check(pathway=pathway, user=user)
    pathway.refresh_from_db()
    return pathway, computed
