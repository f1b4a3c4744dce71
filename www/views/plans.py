"""The « Plan d'action » tab (Level.TEAM only): objectives, actions, appointments,
notes and documents. Marking an action or an attendance answers htmx with the row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from access.policy import Capability, require
from audit.reads import log_sensitive_read
from pathways.selectors import open_pathway_of
from persons.access import person_for
from persons.levels import Level
from plans import selectors, services
from plans.enums import ActionStatus
from plans.forms import (
    ActionForm,
    ActionStatusForm,
    AppointmentForm,
    AttendanceForm,
    DocumentForm,
    NoteForm,
    ObjectiveForm,
    ObjectiveStatusForm,
)
from plans.models import Action, Appointment, Document, Objective

PAGE_SIZE = 25
ACTION_FILTERS = {"a-faire": [ActionStatus.TODO], "faites": [ActionStatus.DONE], "toutes": None}


def _page_of(request, items, param):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get(param))


def _plan_context(request, person, level, **bound):
    user = request.user
    shown = request.GET.get("actions", "a-faire")
    if shown not in ACTION_FILTERS:
        shown = "a-faire"
    actions = selectors.person_actions(user, person)
    if ACTION_FILTERS[shown]:
        actions = actions.filter(status__in=ACTION_FILTERS[shown])
    return {
        "title": f"Plan d'action de {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "plan",
        "objectives": _page_of(request, selectors.person_objectives(user, person), "p_obj"),
        "actions": _page_of(request, actions, "p_act"),
        "actions_shown": shown,
        "action_filters": [("a-faire", "À faire"), ("faites", "Faites"), ("toutes", "Toutes")],
        "appointments": _page_of(request, selectors.person_appointments(user, person), "p_rdv"),
        "notes": _page_of(request, selectors.person_notes(user, person), "p_notes"),
        "documents": _page_of(request, selectors.person_documents(user, person), "p_docs"),
        "objective_form": bound.get("objective_form") or ObjectiveForm(person=person),
        "action_form": bound.get("action_form") or ActionForm(person=person, user=user),
        "appointment_form": bound.get("appointment_form")
        or AppointmentForm(person=person, user=user),
        "note_form": bound.get("note_form") or NoteForm(),
        "document_form": bound.get("document_form") or DocumentForm(),
        "action_status_form": ActionStatusForm(),
        "attendance_form": AttendanceForm(),
        "objective_status_form": ObjectiveStatusForm(),
    }


def _access_plan(request, person_pk):
    """The person at Level.TEAM, acting for an organization that follows people."""
    person, level = person_for(request.user, person_pk, needed=Level.TEAM)
    return person, level


def _writer(request):
    require(request.user, Capability.FOLLOW_PERSONS, request.current_organization)
    return request.current_organization


@login_required
def person_plan(request, person_pk):
    person, level = _access_plan(request, person_pk)
    return render(request, "plans/person_plan.html", _plan_context(request, person, level))


def _save(request, person, level, form_name, form, write, success):
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect("person_plan", person_pk=person.pk)
    context = _plan_context(request, person, level, **{form_name: form})
    return render(request, "plans/person_plan.html", context, status=400)


@login_required
@require_POST
def objective_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    organization = _writer(request)
    form = ObjectiveForm(request.POST, person=person)

    def write(data):
        services.objective_create(
            person=person,
            user=request.user,
            organization=organization,
            pathway=open_pathway_of(person, organization),
            **data,
        )

    return _save(request, person, level, "objective_form", form, write, "Objectif ajouté.")


@login_required
@require_POST
def objective_status(request, person_pk, objective_pk):
    person, level = _access_plan(request, person_pk)
    objective = get_object_or_404(
        Objective.objects.visible_to(request.user), person=person, pk=objective_pk
    )
    form = ObjectiveStatusForm(request.POST)
    if form.is_valid():
        services.objective_set_status(
            objective=objective, status=form.cleaned_data["status"], actor=request.user
        )
        messages.success(request, "Statut de l'objectif enregistré.")
    else:
        messages.error(request, "Choisissez un statut dans la liste.")
    return redirect("person_plan", person_pk=person.pk)


@login_required
@require_POST
def action_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    organization = _writer(request)
    form = ActionForm(request.POST, person=person, user=request.user)

    def write(data):
        services.action_create(
            person=person,
            organization=organization,
            actor=request.user,
            pathway=open_pathway_of(person, organization),
            **data,
        )

    return _save(request, person, level, "action_form", form, write, "Action ajoutée.")


@login_required
@require_POST
def action_status(request, person_pk, action_pk):
    person, level = _access_plan(request, person_pk)
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related("owner", "objective"),
        person=person,
        pk=action_pk,
    )
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_set_status(
            action=action, status=form.cleaned_data["status"], actor=request.user
        )
    if request.htmx:
        context = {"person": person, "action": action, "action_status_form": form}
        return render(
            request, "plans/_action_row.html", context, status=200 if form.is_valid() else 400
        )
    if form.is_valid():
        messages.success(request, f"Action « {action.title} » : {action.get_status_display()}.")
    else:
        messages.error(request, "Choisissez un statut dans la liste.")
    return redirect("person_plan", person_pk=person.pk)


@login_required
@require_POST
def appointment_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    organization = _writer(request)
    form = AppointmentForm(request.POST, person=person, user=request.user)

    def write(data):
        services.appointment_create(
            person=person,
            organization=organization,
            actor=request.user,
            pathway=open_pathway_of(person, organization),
            **data,
        )

    return _save(request, person, level, "appointment_form", form, write, "Rendez-vous ajouté.")


@login_required
@require_POST
def appointment_attendance(request, person_pk, appointment_pk):
    person, level = _access_plan(request, person_pk)
    appointment = get_object_or_404(
        Appointment.objects.visible_to(request.user).select_related("with_user"),
        person=person,
        pk=appointment_pk,
    )
    form = AttendanceForm(request.POST)
    if form.is_valid():
        services.appointment_set_attendance(
            appointment=appointment,
            attendance=form.cleaned_data["attendance"],
            actor=request.user,
        )
    if request.htmx:
        context = {"person": person, "appointment": appointment, "attendance_form": form}
        return render(
            request,
            "plans/_appointment_row.html",
            context,
            status=200 if form.is_valid() else 400,
        )
    if form.is_valid():
        messages.success(request, "Présence enregistrée.")
    else:
        messages.error(request, "Choisissez une présence dans la liste.")
    return redirect("person_plan", person_pk=person.pk)


@login_required
@require_POST
def note_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    organization = _writer(request)
    form = NoteForm(request.POST)

    def write(data):
        services.note_create(
            person=person,
            author=request.user,
            organization=organization,
            pathway=open_pathway_of(person, organization),
            **data,
        )

    return _save(request, person, level, "note_form", form, write, "Note enregistrée.")


@login_required
@require_POST
def document_upload(request, person_pk):
    person, level = _access_plan(request, person_pk)
    organization = _writer(request)
    form = DocumentForm(request.POST, request.FILES)

    def write(data):
        services.document_upload(
            person=person, uploaded_by=request.user, organization=organization, **data
        )

    return _save(request, person, level, "document_form", form, write, "Document ajouté.")


@login_required
def document_download(request, person_pk, document_pk):
    person, _ = _access_plan(request, person_pk)
    document = get_object_or_404(
        Document.objects.visible_to(request.user), person=person, pk=document_pk
    )
    log_sensitive_read(
        user=request.user,
        person=person,
        what=f"document : {document}",
        organization=request.current_organization,
        path=request.path,
    )
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
