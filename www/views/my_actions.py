"""« Mes actions »: the plan's actions a user carries, across the people they follow
or sit with on a team, and those of their organization's partner services. Each owner
sees what is theirs (`plans.selectors.actions_owned_by`), marks it done, and nothing
else of the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from access.policy import Capability, can
from plans import selectors, services
from plans.enums import ActionStatus

PAGE_SIZE = 25
SHOWN = {"a-faire": [ActionStatus.TODO], "toutes": None}
# Who may carry a plan's action (`plans.owners`): never an employer.
CARRIERS = (
    Capability.FOLLOW_PERSONS,
    Capability.REFER_PERSONS,
    Capability.JOIN_TEAMS,
    Capability.JOIN_TEAMS_FOR_MILESTONES,
    Capability.ANSWER_SERVICE_REFERRALS,
)


@login_required
def my_actions(request):
    organization = request.current_organization
    if not any(can(request.user, capability, organization) for capability in CARRIERS):
        raise PermissionDenied("Les actions d'un plan ne sont pas confiées à votre organisation.")
    shown = request.GET.get("actions", "a-faire")
    if shown not in SHOWN:
        shown = "a-faire"
    actions = selectors.actions_owned_by(request.user)
    if SHOWN[shown]:
        actions = actions.filter(status__in=SHOWN[shown])
    context = {
        "title": "Mes actions",
        "page": Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page")),
        "shown": shown,
        "filters": [("a-faire", "À faire"), ("toutes", "Toutes")],
    }
    return render(request, "plans/my_actions.html", context)


@login_required
@require_POST
def my_action_done(request, action_pk):
    action = get_object_or_404(selectors.actions_owned_by(request.user), pk=action_pk)
    services.action_set_status(action=action, status=ActionStatus.DONE, actor=request.user)
    messages.success(request, f"Action « {action.title} » : faite.")
    return redirect("my_actions")
