"""Every write of cooperation: keyword-only, one transaction, the actor checked again
(`cooperation.access`), each state change through `lib.lifecycle.move` with its log.
The audit trail is written by the models (`AuditedModel`). Nothing here is about a
followed person, so nothing goes to a timeline."""

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.context import SYSTEM, user_of
from cooperation.access import (
    group_organization_ids,
    partnership_organization_ids,
    require_group_coordinator,
    require_group_lead,
    require_group_runner,
    require_group_writer,
    require_member_of,
    require_partnership_writer,
)
from cooperation.enums import GroupRole, PartnershipKind, Phase, SheetState, Tension
from cooperation.models import (
    ActionSheet,
    GroupMember,
    Partnership,
    PartnershipDocument,
    PartnershipTransition,
    Priority,
    SheetAction,
    SheetTransition,
    WorkingGroup,
)
from cooperation.selectors import (
    group_people_candidates,
    meeting_candidates,
    sheet_event_choices,
    sheet_partnership_choices,
)
from cooperation.state_machine import PHASES_OF, next_phases
from events import services as event_services
from events.enums import EventState
from lib.lifecycle import TransitionRefused, move
from lib.uploads import check_upload
from organizations.enums import KindGroup


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- working groups --------------------------------------------------------------------


@transaction.atomic
def group_create(
    *,
    user,
    lead_organization,
    name: str,
    description: str = "",
    epci=None,
    communes=(),
    organizations=(),
    members=(),
    priorities=(),
    meetings=(),
    is_demo: bool = False,
) -> WorkingGroup:
    require_group_lead(user, lead_organization)
    if epci is None and not communes:
        raise ValidationError("Choisissez le bassin d'emploi : un EPCI ou des communes.")
    group = WorkingGroup.objects.create(
        name=name.strip(),
        description=description.strip(),
        epci=epci,
        lead_organization=lead_organization,
        created_by=user_of(user),
        is_demo=is_demo,
    )
    group.communes.set(communes)
    group.organizations.set({lead_organization, *organizations})
    # Its people take part; its creator runs it.
    roles = dict.fromkeys((m.pk for m in members), GroupRole.PARTICIPANT)
    creator = user_of(user)
    if creator is not None:
        roles[creator.pk] = GroupRole.ORGANIZER
    GroupMember.objects.bulk_create(
        GroupMember(group=group, user_id=pk, role=role) for pk, role in roles.items()
    )
    group.meetings.set(meetings)
    for rank, title in enumerate((t.strip() for t in priorities if t.strip()), start=1):
        Priority.objects.create(group=group, title=title, rank=rank)
    return group


def _ids(objects) -> list:
    return sorted(o.pk for o in objects)


def _check_leaving(group: WorkingGroup, leaving: set[int]) -> None:
    """An organization that pilots a sheet or carries an action of the group stays until
    they are handed over: the sheet and the action must belong to a member."""
    if not leaving:
        return
    sheet = group.sheets.filter(lead_organization_id__in=leaving).first()
    if sheet is not None:
        raise ValidationError(
            f"{sheet.lead_organization} pilote la fiche-action « {sheet.title} » : confiez-la "
            "d'abord à une autre organisation du groupe."
        )
    action = (
        SheetAction.objects.filter(sheet__group=group, owner_organization_id__in=leaving)
        .select_related("owner_organization", "sheet")
        .first()
    )
    if action is not None:
        raise ValidationError(
            f"{action.owner_organization} porte l'action « {action.title} » de la fiche "
            f"« {action.sheet.title} » : confiez-la d'abord à une autre organisation du groupe."
        )


def _set_priorities(group: WorkingGroup, titles: list[str]) -> None:
    """The priorities in the order given: a title kept keeps its row (and its sheets), a
    new one is added, a removed one goes unless a sheet answers to it."""
    current = {p.title: p for p in group.priorities.all()}
    for title, priority in current.items():
        if title in titles:
            continue
        if priority.sheets.exists():
            raise ValidationError(
                f"La priorité « {title} » a des fiches-action : rattachez-les d'abord à une "
                "autre priorité."
            )
        priority.delete()
    for rank, title in enumerate(titles, start=1):
        priority = current.get(title)
        if priority is None:
            Priority.objects.create(group=group, title=title, rank=rank)
        elif priority.rank != rank:
            priority.rank = rank
            priority.save(update_fields=["rank"])


@transaction.atomic
def group_update(
    *,
    group: WorkingGroup,
    user,
    name: str,
    description: str = "",
    epci=None,
    communes=(),
    organizations=(),
    priorities=(),
) -> WorkingGroup:
    """The coordinating organization changes its group: name, area, priorities, member
    organizations (itself always among them). Each change is in the group's trail,
    the members added and removed with it."""
    require_group_coordinator(user, group)
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    if epci is None and not communes:
        raise ValidationError("Choisissez le bassin d'emploi : un EPCI ou des communes.")
    name = name.strip()
    if not name:
        raise ValidationError("Donnez un nom au groupe.")
    titles = list(dict.fromkeys(t.strip() for t in priorities if t.strip()))
    before = _ids(group.organizations.all())
    after = sorted({group.lead_organization_id, *(o.pk for o in organizations)})
    _check_leaving(group, set(before) - set(after))
    group.name, group.description, group.epci = name, description.strip(), epci
    group.save(update_fields=["name", "description", "epci", "updated_at"])
    communes_before = sorted(group.communes.values_list("pk", flat=True))
    group.communes.set(communes)
    group.audit_related_change("communes", communes_before, sorted(c.pk for c in communes))
    group.organizations.set(after)
    group.audit_related_change("organizations", before, after)
    _set_priorities(group, titles)
    return group


@transaction.atomic
def group_organization_add(*, group: WorkingGroup, user, organization) -> WorkingGroup:
    require_group_writer(user, group)
    before = _ids(group.organizations.all())
    group.organizations.add(organization)
    group.audit_related_change("organizations", before, sorted({*before, organization.pk}))
    return group


def _meeting_ids(group: WorkingGroup) -> list[int]:
    return sorted(group.meetings.values_list("pk", flat=True))


@transaction.atomic
def group_meeting_add(*, group: WorkingGroup, user, event) -> WorkingGroup:
    """A meeting of the group: an event of the calendar that is not cancelled, organised
    by one of its organizations, and by one of the user's (the system links any). In
    the group's trail."""
    require_group_runner(user, group)
    # The user picks among their organization's events (`meeting_candidates`): one
    # refusal for the rest, which says nothing of an event they do not see.
    if user is not SYSTEM and not meeting_candidates(group, user).filter(pk=event.pk).exists():
        raise ValidationError(
            "Choisissez un événement que votre organisation organise, ni annulé ni déjà "
            "relié au groupe."
        )
    before = _meeting_ids(group)
    if event.pk in before:
        raise ValidationError(f"« {event.title} » est déjà une réunion du groupe.")
    if event.state == EventState.CANCELLED:
        raise ValidationError("Cet événement est annulé : il ne devient pas une réunion du groupe.")
    organizers = set(event.organizers.values_list("pk", flat=True))
    if not organizers & group_organization_ids(group):
        raise ValidationError("Une réunion du groupe est organisée par l'une de ses organisations.")
    group.meetings.add(event)
    group.audit_related_change("meetings", before, sorted({*before, event.pk}))
    return group


@transaction.atomic
def group_meeting_create(*, group: WorkingGroup, user, organization, **event) -> WorkingGroup:
    """Programme an event (`events.services.event_create`'s arguments) and make it a
    meeting of the group, both or neither."""
    require_group_runner(user, group)
    if organization.pk not in group_organization_ids(group):
        raise ValidationError(
            "Votre organisation n'est pas membre du groupe : la réunion serait la sienne."
        )
    created = event_services.event_create(user=user, organization=organization, **event)
    group_meeting_add(group=group, user=user, event=created)
    return created


@transaction.atomic
def group_meeting_remove(*, group: WorkingGroup, user, event) -> WorkingGroup:
    """The event stays in the calendar; it is no longer one of the group's meetings."""
    require_group_runner(user, group)
    before = _meeting_ids(group)
    if event.pk not in before:
        raise ValidationError("Cet événement n'est pas une réunion du groupe.")
    group.meetings.remove(event)
    group.audit_related_change("meetings", before, [pk for pk in before if pk != event.pk])
    return group


def _people(group: WorkingGroup, role: str | None = None) -> list[int]:
    people = group.people.all() if role is None else group.people.filter(role=role)
    return sorted(people.values_list("user_id", flat=True))


@transaction.atomic
def group_member_add(
    *, group: WorkingGroup, user, person, role: str = GroupRole.PARTICIPANT
) -> GroupMember:
    """A person of one of the group's organizations joins it, to take part or to run it.
    In the group's trail (`members`, and `organizers` for who runs it)."""
    require_group_runner(user, group)
    if role not in GroupRole.values:
        raise ValidationError("Choisissez un rôle dans la liste.")
    if not group_people_candidates(group).filter(pk=person.pk).exists():
        raise ValidationError("Choisissez une personne d'une organisation membre du groupe.")
    before = _people(group)
    if person.pk in before:
        raise ValidationError(
            f"{person.get_full_name() or person.email} fait déjà partie du groupe."
        )
    organizers = _people(group, GroupRole.ORGANIZER)
    member = GroupMember.objects.create(group=group, user=person, role=role)
    group.audit_related_change("members", before, sorted({*before, person.pk}))
    if role == GroupRole.ORGANIZER:
        group.audit_related_change("organizers", organizers, sorted({*organizers, person.pk}))
    return member


@transaction.atomic
def group_member_remove(*, group: WorkingGroup, user, member: GroupMember) -> None:
    """A person leaves the group. The last person who runs it stays until another one
    does."""
    require_group_runner(user, group)
    if member.group_id != group.pk:
        raise ValidationError("Cette personne ne fait pas partie du groupe.")
    organizers = _people(group, GroupRole.ORGANIZER)
    if member.role == GroupRole.ORGANIZER and organizers == [member.user_id]:
        raise ValidationError(
            f"{member.user.get_full_name() or member.user.email} est la seule personne à animer "
            "le groupe : ajoutez d'abord une autre personne qui l'anime."
        )
    before = _people(group)
    member.delete()
    group.audit_related_change("members", before, [pk for pk in before if pk != member.user_id])
    if member.role == GroupRole.ORGANIZER:
        group.audit_related_change(
            "organizers", organizers, [pk for pk in organizers if pk != member.user_id]
        )


@transaction.atomic
def priority_add(*, group: WorkingGroup, user, title: str) -> Priority:
    require_group_writer(user, group)
    last = group.priorities.aggregate(m=Max("rank"))["m"] or 0
    return Priority.objects.create(group=group, title=title.strip(), rank=last + 1)


# --- action sheets ---------------------------------------------------------------------


def _check_group_organization(group, organization, what: str) -> None:
    if organization.pk not in group_organization_ids(group):
        raise ValidationError(f"{what} doit être une organisation membre du groupe.")


def _check_among(objects: list, allowed, message: str) -> None:
    wanted = {o.pk for o in objects}
    if wanted and len(wanted) != allowed.filter(pk__in=wanted).count():
        raise ValidationError(message)


@transaction.atomic
def sheet_create(
    *,
    group: WorkingGroup,
    user,
    title: str,
    objective: str,
    lead_organization,
    problem: str = "",
    expected_indicators: str = "",
    priority=None,
    due_on: date | None = None,
    events_text: str = "",
    partnerships=(),
    events=(),
) -> ActionSheet:
    require_group_writer(user, group)
    _check_group_organization(group, lead_organization, "L'organisation pilote")
    if priority is not None and priority.group_id != group.pk:
        raise ValidationError("Choisissez une priorité de ce groupe.")
    events, partnerships = list(events), list(partnerships)
    _check_among(
        events,
        sheet_event_choices(group),
        "Choisissez les événements parmi les réunions du groupe et ceux qu'organisent ses "
        "organisations.",
    )
    _check_among(
        partnerships,
        sheet_partnership_choices(group),
        "Choisissez les partenariats parmi ceux des organisations du groupe.",
    )
    sheet = ActionSheet.objects.create(
        group=group,
        priority=priority,
        title=title.strip(),
        objective=objective.strip(),
        problem=problem.strip(),
        expected_indicators=expected_indicators.strip(),
        lead_organization=lead_organization,
        due_on=due_on,
        events_text=events_text.strip(),
        created_by=user_of(user),
    )
    sheet.partnerships.set(partnerships)
    sheet.events.set(events)
    SheetTransition.record(sheet, to_state=sheet.state, user=user)
    return sheet


@transaction.atomic
def sheet_move(*, sheet: ActionSheet, user, to_state: str, comment: str = "") -> ActionSheet:
    """Launch, finish, abandon or relaunch a sheet; the move is logged with its comment.
    Marking a sheet « fait » while some of its actions are not done is refused."""
    require_group_writer(user, sheet.group)
    if to_state == SheetState.DONE and sheet.actions.exclude(status="done").exists():
        raise TransitionRefused(
            "Des actions de cette fiche ne sont pas faites : marquez-les d'abord comme "
            "faites, ou abandonnez la fiche."
        )
    return move(sheet, to_state, log=SheetTransition, user=user, comment=comment.strip())


@transaction.atomic
def sheet_action_add(
    *, sheet: ActionSheet, user, title: str, owner_organization, due_on: date | None = None
) -> SheetAction:
    require_group_writer(user, sheet.group)
    _check_group_organization(sheet.group, owner_organization, "L'organisation qui la porte")
    return SheetAction.objects.create(
        sheet=sheet, title=title.strip(), owner_organization=owner_organization, due_on=due_on
    )


@transaction.atomic
def sheet_action_set_status(*, action: SheetAction, user, status: str) -> SheetAction:
    require_group_writer(user, action.sheet.group)
    if action.status != status:
        action.status = status
        action.save(update_fields=["status"])
    return action


# --- partnerships ----------------------------------------------------------------------


def _check_parties(kind, employer, structure) -> None:
    if employer.pk == structure.pk:
        raise ValidationError("Un partenariat se noue entre deux organisations différentes.")
    if kind == PartnershipKind.EMPLOYER_GROUP:
        if employer.kind_group != KindGroup.EMPLOYER_GROUP:
            raise ValidationError("L'employeur de ce partenariat est un groupement d'employeurs.")
        if structure.kind_group not in (KindGroup.INCLUSION_EMPLOYER, KindGroup.EMPLOYMENT_HUB):
            raise ValidationError(
                "La structure de ce partenariat accompagne des personnes (SIAE, espace "
                "emploi-formation, mission emploi)."
            )


def _check_tensions(tensions) -> list[str]:
    unknown = [t for t in tensions if t not in Tension.values]
    if unknown:
        raise ValidationError("Choisissez les tensions dans la liste.")
    return [t for t in Tension.values if t in tensions]


def _check_days(committed, used) -> None:
    if committed is not None and committed < 0 or used is not None and used < 0:
        raise ValidationError("Les jours engagés et consommés sont positifs.")


@transaction.atomic
def partnership_create(
    *,
    user,
    organization,
    kind: str,
    employer,
    structure,
    started_on: date,
    facilitator=None,
    employer_contact=None,
    structure_contact=None,
    days_committed: Decimal = Decimal(0),
    notes: str = "",
    is_demo: bool = False,
) -> Partnership:
    """`organization` is the one the user acts for: a party, or the facilitator."""
    require_member_of(user, organization)
    if organization.pk not in {employer.pk, structure.pk, getattr(facilitator, "pk", None)}:
        raise ValidationError(
            "Votre organisation est l'une des deux parties, ou anime le partenariat."
        )
    _check_parties(kind, employer, structure)
    _check_days(days_committed, None)
    partnership = Partnership.objects.create(
        kind=kind,
        employer=employer,
        structure=structure,
        facilitator=facilitator,
        employer_contact=employer_contact,
        structure_contact=structure_contact,
        started_on=started_on,
        days_committed=days_committed,
        created_by=user_of(user),
        is_demo=is_demo,
    )
    PartnershipTransition.record(
        partnership,
        to_state=partnership.phase,
        user=user,
        comment=notes.strip(),
        at=_start_of(started_on),
    )
    return partnership


@transaction.atomic
def partnership_advance(
    *, partnership: Partnership, user, to_phase: str, on: date | None = None, notes: str = ""
) -> Partnership:
    """Reach the next phase of the partnership's kind (or end it), dated `on` (today),
    with its notes: one logged transition."""
    require_partnership_writer(user, partnership)
    allowed = dict(next_phases(partnership.kind, partnership.phase))
    if to_phase not in allowed and to_phase in Phase.values:
        order = PHASES_OF[partnership.kind]
        if to_phase not in order and to_phase != Phase.ENDED:
            raise TransitionRefused("Ce type de partenariat n'a pas cette phase.")
        raise TransitionRefused(
            "Les phases se suivent dans l'ordre : passez d'abord par la phase suivante."
        )
    when = None
    if on is not None:
        if on > timezone.localdate():
            raise ValidationError("La date de la phase ne peut pas être dans le futur.")
        if on < partnership.started_on:
            raise ValidationError("La date de la phase précède le début du partenariat.")
        # The phases are read in order on the page: one dated before the phase it follows
        # would tell the partners a story that did not happen.
        last = partnership.transitions.order_by("-at").values_list("at", flat=True).first()
        if last is not None and on < timezone.localdate(last):
            raise ValidationError(
                "La date de la phase précède celle de la phase précédente "
                f"({timezone.localdate(last):%d/%m/%Y})."
            )
        when = _start_of(on)
    return move(
        partnership,
        to_phase,
        log=PartnershipTransition,
        user=user,
        comment=notes.strip(),
        now=when,
    )


@transaction.atomic
def partnership_update(*, partnership: Partnership, user, data: dict) -> Partnership:
    """The days, tensions, subsidy and contacts; `data` holds the fields that change."""
    require_partnership_writer(user, partnership)
    editable = {
        "days_committed",
        "days_used",
        "tensions",
        "tensions_notes",
        "subsidy_amount",
        "subsidy_status",
        "employer_contact",
        "structure_contact",
    }
    unknown = set(data) - editable
    if unknown:
        raise ValidationError(f"Champs non modifiables : {', '.join(sorted(unknown))}.")
    if "tensions" in data:
        data = {**data, "tensions": _check_tensions(data["tensions"])}
    _check_days(data.get("days_committed"), data.get("days_used"))
    if data.get("subsidy_amount") is not None and data["subsidy_amount"] < 0:
        raise ValidationError("Le montant de la subvention est positif.")
    for name, value in data.items():
        setattr(partnership, name, value)
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_document_upload(
    *, partnership: Partnership, user, organization, title: str, file
) -> PartnershipDocument:
    """A new document, or the next version of the one with the same title."""
    require_partnership_writer(user, partnership)
    if organization.pk not in partnership_organization_ids(partnership):
        raise ValidationError("Déposez le document au nom d'une organisation du partenariat.")
    check_upload(file)
    title = title.strip()
    last = partnership.documents.filter(title=title).aggregate(m=Max("version"))["m"] or 0
    document = PartnershipDocument(
        partnership=partnership,
        title=title,
        version=last + 1,
        name=Path(file.name).name[:255],
        uploaded_by=user_of(user),
        organization=organization,
    )
    document.file.save(document.name, file, save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        document.file.delete(save=False)  # a failed write leaves no orphan file
        raise
    return document
