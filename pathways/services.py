"""Writes about pathways: opening, moving through the states, the PASS IAE, the team
and the eligibility diagnosis. Each is one transaction, logs its transition and appends
to the person's timeline."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from access import ledger
from access.policy import Capability, kinds_with, team_level
from audit.context import user_of
from lib.lifecycle import move
from organizations.models import Organization
from pathways import eligibility, pass_iae, sas_iae, state_machine
from pathways.access import require_pathway_manager
from pathways.enums import EXIT_CATEGORY_OF, EntryChannel, ExitReason, PathwayKind, PathwayState
from pathways.models import (
    EligibilityDiagnosis,
    PassChange,
    Pathway,
    TeamMember,
    Transition,
)
from persons.consent import require_consent
from persons.levels import Level
from timeline.models import Audience, EventKind
from timeline.services import record_event


@transaction.atomic
def pathway_open(
    *,
    person,
    organization: Organization,
    kind: str,
    referent,
    user,
    entry_channel: str,
    prescriber_organization=None,
    started_on: date | None = None,
    previous: Pathway | None = None,
    is_demo: bool = False,
) -> Pathway:
    """Open a pathway. A person may have had others here before: only one may be open
    at a time in a structure (a second one follows a closed one)."""
    if Pathway.objects.open().filter(person=person, organization=organization).exists():
        raise ValidationError("Cette personne a déjà un parcours en cours dans votre structure.")
    started_on = started_on or date.today()
    _check_sas_duration(kind, started_on)
    if prescriber_organization is not None and (
        prescriber_organization.kind not in kinds_with(Capability.REFER_PERSONS)
    ):
        # The prescriber sees the milestones: never an employer, a coordinator or a funder.
        raise ValidationError(
            f"{prescriber_organization} ne peut pas être le prescripteur d'un parcours."
        )
    pathway = Pathway(
        person=person,
        organization=organization,
        kind=kind,
        referent=referent,
        entry_channel=entry_channel,
        prescriber_organization=prescriber_organization,
        started_on=started_on,
        previous=previous,
        is_demo=is_demo,
    )
    pathway.full_clean()
    pathway.save()
    ledger.refresh([person.pk])
    Transition.record(pathway, to_state=pathway.state, user=user)
    record_event(
        person=person,
        pathway=pathway,
        kind=EventKind.ENTRY,
        title=f"Entrée : {pathway.get_kind_display()} à {organization}",
        detail=pathway.get_entry_channel_display(),
        audience=Audience.MILESTONE,
        organization=organization,
        subject=pathway,
    )
    return pathway


@transaction.atomic
def pathway_transition(
    *,
    pathway: Pathway,
    to_state: str,
    user,
    comment: str = "",
    exit_reason: str = "",
    on: date | None = None,
) -> Pathway:
    """Move the pathway to `to_state` if the state machine allows it; reopening forgets
    the exit. The exit itself and the follow-up after it are not moves of their own:
    closing goes through `employment.services.pathway_close` (the exit the facts point
    to, or the counsellor's reason), the follow-up through `exits.services`."""
    require_pathway_manager(pathway=pathway, actor=user)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    state_machine.LIFECYCLE.check(pathway.state, to_state)
    if to_state == PathwayState.CLOSED:
        raise ValidationError(
            "Un parcours se clôt par sa sortie : utilisez « Clore le parcours », qui propose "
            "le motif d'après les faits."
        )
    if to_state == PathwayState.POST_EXIT:
        raise ValidationError(
            "Le suivi après sortie commence de lui-même à la clôture du parcours."
        )
    return _move(pathway, to_state, user=user, comment=comment, exit_reason=exit_reason, on=on)


@transaction.atomic
def pathway_exit(
    *, pathway: Pathway, user, exit_reason: str, comment: str = "", on: date | None = None
) -> Pathway:
    """Close an open pathway with its exit. Called by `employment.services.pathway_close`
    only, which decides the exit from the facts or the counsellor's written reason."""
    require_pathway_manager(pathway=pathway, actor=user)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if pathway.state in state_machine.ENDED_STATES:
        raise ValidationError("Ce parcours est déjà clos.")
    return _move(
        pathway,
        PathwayState.CLOSED,
        user=user,
        comment=comment,
        exit_reason=exit_reason,
        on=on,
    )


@transaction.atomic
def pathway_follow_after_exit(*, pathway: Pathway, user, comment: str = "") -> Pathway:
    """closed → post_exit: the check after the exit is planned (`exits.services`)."""
    require_pathway_manager(pathway=pathway, actor=user)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    return _move(pathway, PathwayState.POST_EXIT, user=user, comment=comment)


@transaction.atomic
def pathway_end_follow_up(*, pathway: Pathway, user, comment: str = "") -> Pathway:
    """post_exit → closed: the check after the exit is recorded; the exit stays."""
    require_pathway_manager(pathway=pathway, actor=user)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if pathway.state != PathwayState.POST_EXIT:
        return pathway
    return _move(pathway, PathwayState.CLOSED, user=user, comment=comment)


# The states a hire moves a pathway through to reach « en emploi » (the hire proves the
# pathway under way when it was still at intake or diagnosis).
_TO_EMPLOYMENT = {
    PathwayState.INTAKE: (PathwayState.ACTIVE, PathwayState.IN_EMPLOYMENT),
    PathwayState.DIAGNOSIS: (PathwayState.ACTIVE, PathwayState.IN_EMPLOYMENT),
    PathwayState.ACTIVE: (PathwayState.IN_EMPLOYMENT,),
}


@transaction.atomic
def pathway_enter_employment(*, pathway: Pathway, actor, comment: str = "") -> Pathway:
    """A hire recorded on an introduction moves the pathway to « en emploi », whoever
    recorded it: the employer (from its space or the emailed link, `SYSTEM` then) does
    not manage the pathway, and is not asked to. Each step is an ordinary transition,
    logged. A pathway already in employment, closed or in post-exit follow-up stays."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    for to_state in _TO_EMPLOYMENT.get(pathway.state, ()):
        pathway = _move(pathway, to_state, user=user_of(actor), comment=comment)
    return pathway


def _move(pathway, to_state, *, user, comment="", exit_reason="", on=None) -> Pathway:
    # The lifecycle first: a move it refuses is told so before any missing detail.
    state_machine.LIFECYCLE.check(pathway.state, to_state)
    changes = {}
    if to_state == PathwayState.CLOSED and pathway.state != PathwayState.POST_EXIT:
        if exit_reason not in EXIT_CATEGORY_OF:
            raise ValidationError("Indiquez le motif de sortie.")
        changes = {
            "exit_reason": exit_reason,
            "exit_category": EXIT_CATEGORY_OF[exit_reason],
            "closed_on": on or date.today(),
        }
    elif pathway.state == PathwayState.CLOSED and to_state == PathwayState.ACTIVE:
        changes = {"exit_reason": "", "exit_category": "", "closed_on": None}
    move(pathway, to_state, log=Transition, user=user, comment=comment, changes=changes)
    title = f"Étape : {pathway.get_state_display()}"
    if to_state == PathwayState.CLOSED and changes:
        title += f" — {pathway.get_exit_category_display()} ({pathway.get_exit_reason_display()})"
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=title,
        detail=comment,
        audience=Audience.MILESTONE if to_state in state_machine.MILESTONES else Audience.TEAM,
        organization=pathway.organization,
        subject=pathway,
    )
    return pathway


def _check_sas_duration(kind: str, started_on: date) -> None:
    if kind == PathwayKind.SAS_IAE and sas_iae.is_overdue(started_on, date.today()):
        raise ValidationError(sas_iae.TOO_LONG)


def _pass_end(pathway: Pathway) -> date | None:
    """Two years on the calendar (`pathways.pass_iae`), pushed by every suspension and
    extension."""
    if pathway.pass_start is None:
        return None
    pushed = sum((change.days for change in pathway.pass_changes.all()), 0)
    return pass_iae.end_of(pathway.pass_start, pushed)


@transaction.atomic
def pass_set(*, pathway: Pathway, number: str, start: date, actor) -> Pathway:
    require_pathway_manager(pathway=pathway, actor=actor)
    if pathway.kind == PathwayKind.SAS_IAE:
        raise ValidationError(
            "Un Sas IAE n'a pas de PASS IAE : le PASS s'obtient à l'entrée en parcours IAE."
        )
    if pathway.kind != PathwayKind.IAE:
        raise ValidationError("Un PASS IAE ne concerne qu'un parcours IAE.")
    pathway.pass_number = pass_iae.check_number(number)
    pathway.pass_start = start
    pathway.pass_end = _pass_end(pathway)
    pathway.full_clean()
    pathway.save()
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=f"PASS IAE n° {pathway.pass_number} du {start:%d/%m/%Y} au "
        f"{pathway.pass_end:%d/%m/%Y}",
        audience=Audience.MILESTONE,
        organization=pathway.organization,
        subject=pathway,
    )
    return pathway


@transaction.atomic
def pass_change_add(
    *, pathway: Pathway, kind: str, start: date, end: date, reason: str, user
) -> PassChange:
    require_pathway_manager(pathway=pathway, actor=user)
    if pathway.pass_start is None:
        raise ValidationError("Renseignez d'abord le PASS IAE.")
    if end < start:
        raise ValidationError("La date de fin doit suivre la date de début.")
    change = PassChange(
        pathway=pathway, kind=kind, start=start, end=end, reason=reason, recorded_by=user
    )
    change.full_clean()
    change.save()
    pathway.pass_end = _pass_end(pathway)
    pathway.save()
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=f"PASS IAE : {change} — nouvelle fin le {pathway.pass_end:%d/%m/%Y}",
        detail=reason,
        organization=pathway.organization,
        subject=change,
    )
    return change


# --- Corrections and hand-overs -----------------------------------------------------------

KIND_REASON_REQUIRED = "Indiquez pourquoi vous corrigez le type du parcours."


@transaction.atomic
def pathway_kind_correct(*, pathway: Pathway, kind: str, reason: str, actor) -> Pathway:
    """Correct a pathway opened under the wrong kind. Not a step of the pathway: its
    states and dates stay; the trail keeps the old kind and the timeline says why."""
    require_pathway_manager(pathway=pathway, actor=actor)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    reason = (reason or "").strip()
    if kind not in PathwayKind.values:
        raise ValidationError("Type de parcours inconnu.")
    if not reason:
        raise ValidationError(KIND_REASON_REQUIRED)
    if len(reason) > 255:
        raise ValidationError("Le motif tient en 255 caractères au plus.")
    if kind == pathway.kind:
        raise ValidationError("Le parcours est déjà de ce type.")
    if kind != PathwayKind.IAE and (pathway.pass_number or pathway.pass_start):
        raise ValidationError(
            "Ce parcours porte un PASS IAE : seul un parcours IAE en a un. "
            "Il ne peut pas changer de type."
        )
    if pathway.state != PathwayState.CLOSED:
        _check_sas_duration(kind, pathway.started_on)
    before = pathway.get_kind_display()
    pathway.kind = kind
    pathway.full_clean()
    pathway.save()
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=f"Type de parcours corrigé : {before} → {pathway.get_kind_display()}",
        detail=reason,
        audience=Audience.MILESTONE,
        organization=pathway.organization,
        subject=pathway,
    )
    return pathway


@transaction.atomic
def sas_handover(
    *,
    pathway: Pathway,
    to_organization: Organization,
    actor,
    referent=None,
    on: date | None = None,
    comment: str = "",
) -> Pathway:
    """The Sas IAE hands over to an IAE pathway: the Sas closes (« entrée en parcours
    IAE », a positive exit) and an IAE pathway opens in `to_organization` (the same
    structure or another), linked to the Sas. Both keep their history; the timeline of
    the person shows both. Another structure receives the person as referred by the
    Sas's structure, which then follows the milestones, and names its referent."""
    require_pathway_manager(pathway=pathway, actor=actor)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if pathway.kind != PathwayKind.SAS_IAE:
        raise ValidationError("Seul un Sas IAE passe le relais à un parcours IAE.")
    if pathway.state in state_machine.ENDED_STATES:
        raise ValidationError("Ce Sas IAE est déjà clos.")
    if to_organization.kind not in kinds_with(Capability.FOLLOW_PERSONS):
        raise ValidationError(f"{to_organization} n'accompagne pas de personnes.")
    on = on or date.today()
    if on < pathway.started_on:
        raise ValidationError("Le relais ne peut pas précéder le début du Sas IAE.")
    same = to_organization.pk == pathway.organization_id
    if not same:
        require_consent(pathway.person, "passer le relais à une autre structure")
    _move(
        pathway,
        PathwayState.CLOSED,
        user=actor,
        comment=comment,
        exit_reason=ExitReason.IAE_ENTRY,
        on=on,
    )
    refers = pathway.organization.kind in kinds_with(Capability.REFER_PERSONS)
    following = pathway_open(
        person=pathway.person,
        organization=to_organization,
        kind=PathwayKind.IAE,
        referent=referent if referent is not None else (pathway.referent if same else None),
        user=actor,
        entry_channel=pathway.entry_channel if same else EntryChannel.REFERRAL,
        prescriber_organization=(
            pathway.prescriber_organization if same else (pathway.organization if refers else None)
        ),
        started_on=on,
        previous=pathway,
        is_demo=pathway.is_demo,
    )
    record_event(
        person=pathway.person,
        pathway=following,
        kind=EventKind.PATHWAY,
        title=f"Relais du Sas IAE ({pathway.organization}) vers un parcours IAE "
        f"({to_organization})",
        detail=comment,
        audience=Audience.MILESTONE,
        organization=to_organization,
        subject=following,
    )
    return following


def team_seat_level(*, user, organization: Organization) -> Level:
    """The level a seat on a team, held by `user` for `organization`, gives: from the
    organization's capabilities (`access.policy.team_level`); NONE if the user is not an
    active member of it or its kind may not join teams."""
    membership = (
        user.memberships.active().filter(organization=organization).select_related("organization")
    ).first()
    return team_level(membership)


@transaction.atomic
def team_member_add(
    *,
    pathway: Pathway,
    user,
    organization: Organization,
    role: str,
    access_until: date | None,
    actor,
) -> TeamMember:
    """Seat `user` (acting for `organization`) on the pathway's team. The actor must
    manage the pathway; the organization's kind must be allowed to join teams
    (`access.policy`): employers, employer groups, coordinators and funders never are.
    What the seat then shows is computed from the organization's capabilities."""
    require_pathway_manager(pathway=pathway, actor=actor)
    if not user.memberships.active().filter(organization=organization).exists():
        raise ValidationError(f"{user} n'est pas membre de {organization}.")
    level = team_seat_level(user=user, organization=organization)
    if level == Level.NONE:
        raise ValidationError(
            f"{organization} ({organization.get_kind_display()}) ne peut pas rejoindre "
            "l'équipe d'accompagnement : les employeurs, groupements d'employeurs, "
            "coordinateurs et financeurs ne voient pas le parcours des personnes."
        )
    if organization.pk != pathway.organization_id:
        require_consent(pathway.person, "partager le dossier avec une autre organisation")
    if TeamMember.objects.filter(pathway=pathway, user=user).exists():
        raise ValidationError(f"{user} fait déjà partie de l'équipe.")
    member = TeamMember(
        pathway=pathway,
        user=user,
        organization=organization,
        role=role,
        access_until=access_until,
        added_by=actor,
    )
    member.full_clean()
    member.save()
    ledger.refresh([pathway.person_id])
    seen = "" if level == Level.TEAM else " (grandes étapes seulement)"
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=f"{user} ({organization}) rejoint l'équipe : {member.get_role_display()}{seen}",
        organization=pathway.organization,
        subject=member,
    )
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember, actor) -> None:
    pathway = member.pathway
    require_pathway_manager(pathway=pathway, actor=actor)
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=f"{member.user} quitte l'équipe",
        organization=pathway.organization,
    )
    member.delete()
    ledger.refresh([pathway.person_id])


@transaction.atomic
def referent_change(*, pathway: Pathway, referent, actor) -> Pathway:
    require_pathway_manager(pathway=pathway, actor=actor)
    if not referent.memberships.active().filter(organization=pathway.organization).exists():
        raise ValidationError("Le référent doit être membre de la structure.")
    pathway.referent = referent
    pathway.save()
    record_event(
        person=pathway.person,
        pathway=pathway,
        kind=EventKind.PATHWAY,
        title=f"Référent·e : {referent}",
        organization=pathway.organization,
        subject=pathway,
    )
    return pathway


@transaction.atomic
def eligibility_diagnose(
    *,
    person,
    organization: Organization,
    author,
    structure_kind: str,
    level1: list[str],
    level2: list[str],
    made_on: date | None = None,
) -> EligibilityDiagnosis:
    unknown = (set(level1) - set(eligibility.Level1.values)) | (
        set(level2) - set(eligibility.Level2.values)
    )
    if unknown:
        raise ValidationError(f"Critères inconnus : {', '.join(sorted(unknown))}.")
    made_on = made_on or date.today()
    diagnosis = EligibilityDiagnosis.objects.create(
        person=person,
        organization=organization,
        author=author,
        structure_kind=structure_kind,
        level1=sorted(level1),
        level2=sorted(level2),
        is_eligible=eligibility.is_eligible(level1, level2, structure_kind),
        made_on=made_on,
        valid_until=eligibility.valid_until(made_on),
    )
    verdict = "éligible à l'IAE" if diagnosis.is_eligible else "non éligible à l'IAE"
    record_event(
        person=person,
        kind=EventKind.ELIGIBILITY,
        title=f"Diagnostic d'éligibilité : {verdict} (jusqu'au {diagnosis.valid_until:%d/%m/%Y})",
        audience=Audience.MILESTONE,
        organization=organization,
        subject=diagnosis,
    )
    return diagnosis
