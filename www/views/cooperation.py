"""Working groups on an employment area and their action sheets (seed 001): the list,
a group's page (its area's figures, priorities, members), the board of its sheets by
state (works without JavaScript; htmx moves a card in place), a sheet's page with its
actions and its log. Each view: fetch and authorise (`cooperation.access`), one
service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.policy import Capability, can
from cooperation import selectors, services
from cooperation.access import (
    group_for,
    group_to_run,
    is_group_coordinator,
    may_run_group,
    require_group_coordinator,
    sheet_action_for,
    sheet_for,
)
from cooperation.forms import (
    GroupEditForm,
    GroupFilterForm,
    GroupForm,
    GroupMeetingForm,
    GroupMemberForm,
    SheetActionForm,
    SheetActionStatusForm,
    SheetForm,
    SheetMoveForm,
    group_form_initial,
)
from cooperation.models import Partnership
from cooperation.state_machine import SHEET_LIFECYCLE
from events.models import Event
from indicators.periods import last_quarter
from indicators.scopes import scope_for
from indicators.selectors import indicator_table
from lib.confirmation import ask_first
from lib.form_writes import write_if_valid

PAGE_SIZE = 20
# The area's figures shown on a group's page (the rest is on « Résultats »).
AREA_FIGURES = 6


@login_required
@require_GET
def cooperation_home(request):
    context = {
        "title": "Coopération",
        "groups": selectors.groups_of(request.user)[:5],
        "partnerships": selectors.partnerships_of(request.user)[:5],
        "may_lead": can(request.user, Capability.LEAD_WORKING_GROUPS, request.current_organization),
    }
    return render(request, "cooperation/home.html", context)


@login_required
@require_GET
def group_list(request):
    form = GroupFilterForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    page = Paginator(selectors.groups_of(request.user, search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "title": "Groupes de travail",
        "form": form,
        "page": page,
        "may_lead": can(request.user, Capability.LEAD_WORKING_GROUPS, request.current_organization),
    }
    return render(request, "cooperation/group_list.html", context)


@login_required
def group_create(request):
    organization = request.current_organization
    if not can(request.user, Capability.LEAD_WORKING_GROUPS, organization):
        raise PermissionDenied("Les employeurs rejoignent un groupe de travail lancé par un autre.")
    form = GroupForm(request.POST or None, user=request.user)
    holder = {}

    def write(data):
        holder["group"] = services.group_create(
            user=request.user,
            lead_organization=organization,
            name=data["name"],
            description=data["description"],
            epci=data["epci"],
            organizations=data["organizations"],
            members=[request.user],
            priorities=data["priorities"],
        )

    if request.method == "POST" and write_if_valid(form, write):
        messages.success(request, "Le groupe de travail est créé.")
        return redirect("group_detail", group_pk=holder["group"].pk)
    return render(
        request,
        "cooperation/group_form.html",
        {"title": "Nouveau groupe de travail", "form": form, "group": None},
        status=400 if request.method == "POST" else 200,
    )


def _reposted(request) -> list[tuple[str, str]]:
    """The fields of the edit form as posted (several values for the organizations), for
    the confirmation page to post them again."""
    skipped = {"csrfmiddlewaretoken", "confirmation"}
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in skipped
        for value in values
    ]


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, group_pk):
    """« Modifier le groupe », for its coordinating organization. Removing a member
    organization asks first; a refused change shows again what was typed (400)."""
    group = group_for(request.user, group_pk)
    require_group_coordinator(request.user, group)
    form = GroupEditForm(
        request.POST or None, user=request.user, group=group, initial=group_form_initial(group)
    )
    if request.method == "POST" and form.is_valid():
        leaving = form.leaving()
        if leaving:
            names = ", ".join(o.name for o in leaving)
            page = ask_first(
                request,
                title=f"Retirer des organisations du groupe « {group.name} »",
                consequence=f"{names} ne {'sera' if len(leaving) == 1 else 'seront'} plus "
                "membre" + ("" if len(leaving) == 1 else "s") + " du groupe : "
                "leurs équipes n'en verront plus ni les priorités ni les fiches-action.",
                button="Retirer et enregistrer",
                cancel_url=reverse("group_edit", args=[group.pk]),
                extra="cooperation/_reposted.html",
                context={"reposted": _reposted(request)},
            )
            if page is not None:
                return page

        def write(_data):
            services.group_update(group=group, user=request.user, **form.service_arguments())

        if write_if_valid(form, write):
            messages.success(request, "Le groupe de travail est modifié.")
            return redirect("group_detail", group_pk=group.pk)
    return render(
        request,
        "cooperation/group_form.html",
        {"title": f"Modifier le groupe « {group.name} »", "form": form, "group": group},
        status=400 if request.method == "POST" else 200,
    )


def _area_figures(user, group):
    """The area's figures from « Résultats », when the user may read its scope."""
    if group.epci_id is None:
        return None, None
    key = f"epci:{group.epci_id}"
    try:
        scope = scope_for(user, key)
    except Http404:
        return key, None
    period = last_quarter(timezone.localdate())
    rows = [row for row in indicator_table(scope, period) if not row.breakdown]
    return key, {"period": period, "rows": rows[:AREA_FIGURES]}


def _group_page(request, group, *, meeting_form=None, member_form=None, status=200):
    key, figures = _area_figures(request.user, group)
    sheets = list(selectors.group_sheets(group))
    may_run = may_run_group(request.user, group)
    context = {
        "title": f"Groupe de travail — {group.name}",
        "group": group,
        "organizations": group.organizations.order_by("name"),
        "people": list(selectors.group_people(group)),
        "communes": group.communes.order_by("name"),
        "priorities": group.priorities.all(),
        "sheets": sheets,
        "counts": {c.label: len(c.sheets) for c in selectors.board(group, sheets)},
        "meetings": selectors.group_meetings_by_time(group),
        "scope_key": key,
        "figures": figures,
        "may_edit": is_group_coordinator(request.user, group),
        "may_run": may_run,
    }
    if may_run:
        context["meeting_form"] = meeting_form or GroupMeetingForm(group=group, user=request.user)
        context["member_form"] = member_form or GroupMemberForm(group=group)
    return render(request, "cooperation/group_detail.html", context, status=status)


@login_required
@require_GET
def group_detail(request, group_pk):
    return _group_page(request, group_for(request.user, group_pk))


@login_required
@require_POST
def group_meeting_add(request, group_pk):
    """« Ajouter une réunion »: an event the user's organization organises becomes a
    meeting of the group."""
    group = group_to_run(request.user, group_pk)
    form = GroupMeetingForm(request.POST, group=group, user=request.user)

    def write(data):
        services.group_meeting_add(group=group, user=request.user, event=data["event"])

    if write_if_valid(form, write):
        messages.success(
            request, f"« {form.cleaned_data['event'].title} » est une réunion du groupe."
        )
        return redirect("group_detail", group_pk=group.pk)
    return _group_page(request, group, meeting_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def group_meeting_remove(request, group_pk, event_pk):
    """The event stays in the agenda; asks first."""
    group = group_to_run(request.user, group_pk)
    event = group.meetings.filter(pk=event_pk).first()
    if event is None:
        raise Http404("Cette réunion n'est pas l'une de celles du groupe.")
    page = ask_first(
        request,
        title=f"Retirer « {event.title} » des réunions du groupe",
        consequence=f"L'événement reste dans l'agenda, mais il ne sera plus une réunion du "
        f"groupe « {group.name} ».",
        button="Retirer la réunion",
        cancel_url=reverse("group_detail", args=[group.pk]),
    )
    if page is not None:
        return page
    try:
        services.group_meeting_remove(group=group, user=request.user, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {event.title} » n'est plus une réunion du groupe.")
    return redirect("group_detail", group_pk=group.pk)


@login_required
@require_POST
def group_member_add(request, group_pk):
    """« Ajouter une personne »: someone of the group's organizations."""
    group = group_to_run(request.user, group_pk)
    form = GroupMemberForm(request.POST, group=group)

    def write(data):
        services.group_member_add(
            group=group, user=request.user, person=data["person"], role=data["role"]
        )

    if write_if_valid(form, write):
        person = form.cleaned_data["person"]
        messages.success(
            request, f"{person.get_full_name() or person.email} fait partie du groupe."
        )
        return redirect("group_detail", group_pk=group.pk)
    return _group_page(request, group, member_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def group_member_remove(request, group_pk, group_member_pk):
    """A person leaves the group; asks first. The last one who runs it stays."""
    group = group_to_run(request.user, group_pk)
    member = group.people.select_related("user").filter(pk=group_member_pk).first()
    if member is None:
        raise Http404("Cette personne ne fait pas partie du groupe.")
    name = member.user.get_full_name() or member.user.email
    page = ask_first(
        request,
        title=f"Retirer {name} du groupe « {group.name} »",
        consequence=f"{name} ne fera plus partie des participant·es du groupe. Son organisation "
        "reste membre du groupe.",
        button="Retirer la personne",
        cancel_url=reverse("group_detail", args=[group.pk]),
    )
    if page is not None:
        return page
    try:
        services.group_member_remove(group=group, user=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{name} ne fait plus partie du groupe.")
    return redirect("group_detail", group_pk=group.pk)


def _board_page(request, group, *, notice="", error=""):
    context = {
        "title": f"Fiches-action — {group.name}",
        "group": group,
        "columns": selectors.board(group),
        "notice": notice,
        "error": error,
    }
    return render(request, "cooperation/sheet_board.html", context)


@login_required
@require_GET
def sheet_board(request, group_pk):
    return _board_page(request, group_for(request.user, group_pk))


@login_required
def sheet_create(request, group_pk):
    group = group_for(request.user, group_pk)
    form = SheetForm(request.POST or None, group=group, user=request.user)
    holder = {}

    def write(data):
        holder["sheet"] = services.sheet_create(group=group, user=request.user, **data)

    if request.method == "POST" and write_if_valid(form, write):
        messages.success(request, "La fiche-action est créée.")
        return redirect("sheet_detail", sheet_pk=holder["sheet"].pk)
    return render(
        request,
        "cooperation/sheet_form.html",
        {"title": f"Nouvelle fiche-action — {group.name}", "group": group, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _sheet_page(request, sheet, *, action_form=None, move_form=None, status=200):
    events = list(sheet.events.order_by("starts_at", "id"))
    partnerships = list(sheet.partnerships.select_related("employer", "structure"))
    # A link where the reader may open the page; the name only, elsewhere.
    openable_events = set(
        Event.objects.visible_to(request.user)
        .filter(pk__in=[e.pk for e in events])
        .values_list("pk", flat=True)
    )
    openable_partnerships = set(
        Partnership.objects.visible_to(request.user)
        .filter(pk__in=[p.pk for p in partnerships])
        .values_list("pk", flat=True)
    )
    context = {
        "title": f"Fiche-action — {sheet.title}",
        "sheet": sheet,
        "group": sheet.group,
        "actions": sheet.actions.select_related("owner_organization"),
        "moves": SHEET_LIFECYCLE.options(sheet.state),
        "transitions": sheet.transitions.select_related("by"),
        "partnerships": partnerships,
        "events": events,
        "openable_events": openable_events,
        "openable_partnerships": openable_partnerships,
        "action_form": action_form or SheetActionForm(group=sheet.group),
        "move_form": move_form or SheetMoveForm(),
        "status_choices": SheetActionStatusForm.base_fields["status"].choices,
    }
    return render(request, "cooperation/sheet_detail.html", context, status=status)


@login_required
@require_GET
def sheet_detail(request, sheet_pk):
    return _sheet_page(request, sheet_for(request.user, sheet_pk))


@login_required
@require_POST
def sheet_move(request, sheet_pk):
    """From the board (htmx answers the board, moved in place) or the sheet's page."""
    sheet = sheet_for(request.user, sheet_pk)
    form = SheetMoveForm(request.POST)

    def write(data):
        services.sheet_move(
            sheet=sheet, user=request.user, to_state=data["to_state"], comment=data["comment"]
        )

    done = write_if_valid(form, write)
    notice = f"« {sheet.title} » : {sheet.get_state_display().lower()}."
    error = " ".join(form.non_field_errors()) or "Choisissez un état dans la liste."
    if request.POST.get("depuis") == "tableau":
        if request.htmx:
            # The board moved in place, with its sentence inside it (htmx swaps a 200 only).
            return _board_page(
                request, sheet.group, notice=notice if done else "", error="" if done else error
            )
        if done:
            messages.success(request, notice)
        else:
            messages.error(request, error)
        return redirect("sheet_board", group_pk=sheet.group_id)
    if done:
        messages.success(request, notice)
        return redirect("sheet_detail", sheet_pk=sheet.pk)
    return _sheet_page(request, sheet, move_form=form, status=400)


@login_required
@require_POST
def sheet_action_add(request, sheet_pk):
    sheet = sheet_for(request.user, sheet_pk)
    form = SheetActionForm(request.POST, group=sheet.group)

    def write(data):
        services.sheet_action_add(sheet=sheet, user=request.user, **data)

    if write_if_valid(form, write):
        messages.success(request, "L'action est ajoutée.")
        return redirect("sheet_detail", sheet_pk=sheet.pk)
    return _sheet_page(request, sheet, action_form=form, status=400)


@login_required
@require_POST
def sheet_action_status(request, sheet_action_pk):
    action = sheet_action_for(request.user, sheet_action_pk)
    form = SheetActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.sheet_action_set_status(
                action=action, user=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Action « {action.title} » : {action.get_status_display()}.")
    else:
        messages.error(request, "Choisissez un statut dans la liste.")
    return redirect("sheet_detail", sheet_pk=action.sheet_id)
