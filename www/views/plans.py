"""The « Plan d'action » tab (Level.TEAM only): objectives, actions, appointments,
notes and documents. Marking an action or an attendance answers htmx with the row.

The creation forms open on demand: each creation URL answers GET with its form (the
fragment for htmx, loaded in place under its toggle; a page of its own without
JavaScript) and POST with the write. A rejected form comes back on the plan page, open
in its place, with what was typed. Lists show their first items and « Voir plus »."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

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
from www.views.essentials import person_essentials
from www.views.form_pages import render_form

# How many items each list shows before « Voir plus »: the plan stays one screen or two.
PAGE_SIZES = {"p_obj": 10, "p_act": 10, "p_rdv": 5, "p_notes": 5, "p_docs": 5}
ACTION_FILTERS = {"a-faire": [ActionStatus.TODO], "faites": [ActionStatus.DONE], "toutes": None}


@dataclass(frozen=True)
class PlanForm:
    """A creation form of the plan: where it posts, its words, its place on the page."""

    url_name: str
    slot: str
    legend: str
    submit: str
    multipart: bool = False


PLAN_FORMS = {
    "objective_form": PlanForm(
        "objective_create", "formulaire-objectif", "Ajouter un objectif", "Ajouter l'objectif"
    ),
    "action_form": PlanForm(
        "action_create", "formulaire-action", "Ajouter une action", "Ajouter l'action"
    ),
    "appointment_form": PlanForm(
        "appointment_create",
        "formulaire-rendez-vous",
        "Prévoir un rendez-vous",
        "Ajouter le rendez-vous",
    ),
    "note_form": PlanForm(
        "note_create", "formulaire-note", "Écrire une note", "Enregistrer la note"
    ),
    "document_form": PlanForm(
        "document_upload",
        "formulaire-document",
        "Ajouter un document",
        "Envoyer le document",
        multipart=True,
    ),
}


def _page_of(request, items, param):
    return Paginator(items, PAGE_SIZES[param]).get_page(request.GET.get(param))


def _form_specs(person, bound):
    """What the page needs to draw each form's toggle; `form` is set for a form sent
    back with its errors only (the others are loaded on demand)."""
    return {
        name: {
            "url": reverse(spec.url_name, args=[person.pk]),
            "slot": spec.slot,
            "legend": spec.legend,
            "submit": spec.submit,
            "multipart": spec.multipart,
            "form": bound.get(name),
        }
        for name, spec in PLAN_FORMS.items()
    }


def _new_form(name, person, user):
    return {
        "objective_form": lambda: ObjectiveForm(person=person),
        "action_form": lambda: ActionForm(person=person, user=user),
        "appointment_form": lambda: AppointmentForm(person=person, user=user),
        "note_form": NoteForm,
        "document_form": DocumentForm,
    }[name]()


def _form_page(request, person, level, name):
    """GET on a creation URL: its empty form, in place (htmx) or on its own page."""
    spec = _form_specs(person, {})[name]
    context = {
        "title": f"{spec['legend']} — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "plan",
        "form": _new_form(name, person, request.user),
        "action": spec["url"],
        "legend": spec["legend"],
        "submit": spec["submit"],
        "multipart": spec["multipart"],
    }
    return render_form(
        request,
        "plans/_form.html",
        context,
        back_url=reverse("person_plan", args=[person.pk]),
        back_label="Retour au plan d'action",
    )


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
        "plan_forms": _form_specs(person, bound),
        "essentials": person_essentials(user, person, level),
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
@require_http_methods(["GET", "POST"])
def objective_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    if request.method == "GET":
        return _form_page(request, person, level, "objective_form")
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
@require_http_methods(["GET", "POST"])
def action_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    if request.method == "GET":
        return _form_page(request, person, level, "action_form")
    organization = _writer(request)
    form = ActionForm(request.POST, person=person, user=request.user)

    def write(data):
        services.action_create(
            person=person,
            organization=organization,
            actor=request.user,
            pathway=open_pathway_of(person, organization),
            kind=data["kind"],
            title=data["title"],
            objective=data["objective"],
            due_on=data["due_on"],
            **form.owner_arguments,
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
@require_http_methods(["GET", "POST"])
def appointment_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    if request.method == "GET":
        return _form_page(request, person, level, "appointment_form")
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
@require_http_methods(["GET", "POST"])
def note_create(request, person_pk):
    person, level = _access_plan(request, person_pk)
    if request.method == "GET":
        return _form_page(request, person, level, "note_form")
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
@require_http_methods(["GET", "POST"])
def document_upload(request, person_pk):
    person, level = _access_plan(request, person_pk)
    if request.method == "GET":
        return _form_page(request, person, level, "document_form")
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
