"""Fetch and authorise, for every page, API handler and service of cooperation.

- A working group, its sheets and their actions: seen and written by the members of its
  lead organization and of its member organizations; anyone else gets 404.
- A partnership: seen and written by the members of its two parties and of the
  organization that facilitates it; anyone else gets 404.
- Starting a working group takes `Capability.LEAD_WORKING_GROUPS` (not the employers).
- Changing the group itself (its name, area, priorities and member organizations) is its
  coordinating organization's (`lead_organization`): the members of the others write
  sheets and actions but answer 403 there.
- Running the group (its meetings and its people) is for its coordinating organization
  and for the people who « animent » it (`GroupRole.ORGANIZER`) while they still belong
  to one of its organizations (`may_run_group`).

The services call the `require_*` functions again with their actor, so a task, a
command or a new route cannot write where its user may not (PermissionDenied)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, active_memberships, require
from audit.context import SYSTEM
from cooperation.enums import GroupRole
from cooperation.models import ActionSheet, GroupMember, Partnership, SheetAction, WorkingGroup

GROUP_NOT_FOUND = "Groupe de travail introuvable."
SHEET_NOT_FOUND = "Fiche-action introuvable."
PARTNERSHIP_NOT_FOUND = "Partenariat introuvable."
NOT_A_MEMBER = "Seules les organisations membres du groupe y écrivent."
NOT_A_PARTY = "Seules les organisations du partenariat y écrivent."
NOT_COORDINATOR = "Seule l'organisation qui anime le groupe le modifie."
NOT_RUNNING = (
    "Seules les personnes qui animent le groupe, et l'organisation qui le coordonne, "
    "gèrent ses réunions et ses participant·es."
)


def _ids(user) -> set[int]:
    if user is None:  # an entry point that forgot its user writes nothing
        raise PermissionDenied("Aucun utilisateur : action refusée.")
    return {m.organization_id for m in active_memberships(user)}


def group_organization_ids(group) -> set[int]:
    return {group.lead_organization_id, *group.organizations.values_list("pk", flat=True)}


def group_for(user, pk) -> WorkingGroup:
    group = (
        WorkingGroup.objects.visible_to(user)
        .select_related("epci", "lead_organization")
        .filter(pk=pk)
        .first()
    )
    if group is None:
        raise Http404(GROUP_NOT_FOUND)
    return group


def sheet_for(user, pk) -> ActionSheet:
    sheet = (
        ActionSheet.objects.filter(group__in=WorkingGroup.objects.visible_to(user), pk=pk)
        .select_related("group", "priority", "lead_organization")
        .first()
    )
    if sheet is None:
        raise Http404(SHEET_NOT_FOUND)
    return sheet


def sheet_action_for(user, pk) -> SheetAction:
    action = (
        SheetAction.objects.filter(sheet__group__in=WorkingGroup.objects.visible_to(user), pk=pk)
        .select_related("sheet__group")
        .first()
    )
    if action is None:
        raise Http404(SHEET_NOT_FOUND)
    return action


def partnership_for(user, pk) -> Partnership:
    partnership = (
        Partnership.objects.visible_to(user)
        # The parties with their contacts and the structure's commune: what its page
        # names and where the territory's needs are read.
        .select_related(
            "employer",
            "structure__commune",
            "facilitator",
            "employer_contact",
            "structure_contact",
        )
        .filter(pk=pk)
        .first()
    )
    if partnership is None:
        raise Http404(PARTNERSHIP_NOT_FOUND)
    return partnership


def require_group_lead(user, organization) -> None:
    if user is SYSTEM:
        return
    if organization is None or organization.pk not in _ids(user):
        raise PermissionDenied("Choisissez une organisation dont vous êtes membre.")
    require(user, Capability.LEAD_WORKING_GROUPS, organization)


def require_member_of(user, organization) -> None:
    """The user acts for `organization` (the system acts for any)."""
    if user is SYSTEM:
        return
    if organization is None or organization.pk not in _ids(user):
        raise PermissionDenied("Choisissez une organisation dont vous êtes membre.")


def require_group_writer(user, group) -> None:
    if user is SYSTEM:
        return
    if not _ids(user) & group_organization_ids(group):
        raise PermissionDenied(NOT_A_MEMBER)


def is_group_coordinator(user, group) -> bool:
    if user is SYSTEM:
        return True
    return group.lead_organization_id in _ids(user)


def require_group_coordinator(user, group) -> None:
    if not is_group_coordinator(user, group):
        raise PermissionDenied(NOT_COORDINATOR)


def may_run_group(user, group) -> bool:
    """The user runs the group's meetings and people (see the module's docstring)."""
    if user is SYSTEM:
        return True
    ids = _ids(user)
    if group.lead_organization_id in ids:
        return True
    return bool(ids & group_organization_ids(group)) and (
        GroupMember.objects.filter(group=group, user=user, role=GroupRole.ORGANIZER).exists()
    )


def require_group_runner(user, group) -> None:
    if not may_run_group(user, group):
        raise PermissionDenied(NOT_RUNNING)


def group_to_run(user, pk) -> WorkingGroup:
    """The group whose meetings or people the user manages: 404 when they do not see it
    (or `pk` is not a number), 403 when they do not run it."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(GROUP_NOT_FOUND) from None
    group = group_for(user, pk)
    require_group_runner(user, group)
    return group


def partnership_organization_ids(partnership) -> set[int]:
    return {
        pk
        for pk in (partnership.employer_id, partnership.structure_id, partnership.facilitator_id)
        if pk
    }


def require_partnership_writer(user, partnership) -> None:
    if user is SYSTEM:
        return
    if not _ids(user) & partnership_organization_ids(partnership):
        raise PermissionDenied(NOT_A_PARTY)
