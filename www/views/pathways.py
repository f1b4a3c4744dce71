"""The « Parcours » tab of a person: their pathways at the user's level, and for the
holding structure the actions on each (next step, PASS IAE, referent, team) and the IAE
eligibility diagnosis. Each view: fetch and authorise, one service, render.

The forms open on demand: each action URL answers GET with its form (the fragment for
htmx, loaded in place under its toggle; a page of its own without JavaScript) and POST
with the write. A rejected form comes back on the pathways page, open in its place."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from access.policy import Capability, can, require
from employment import services as employment_services
from employment.exits import proposed_exit
from employment.selectors import contracts_of_pathways, hires_without_contract_at
from exits import selectors as exit_selectors
from exits import services as exit_services
from lib.form_writes import write_if_valid
from organizations.models import Organization
from pathways import selectors, services, state_machine
from pathways.access import pathway_to_manage
from pathways.enums import PathwayState
from pathways.forms import (
    EligibilityForm,
    PassChangeForm,
    PassForm,
    PathwayOpenForm,
    ReferentForm,
    TeamMemberForm,
    TeamOrganizationForm,
    TransitionForm,
    exit_categories_by_reason,
)
from persons.access import person_for
from persons.levels import Level
from stories.selectors import stories_by_pathway
from www.views.essentials import person_essentials
from www.views.form_pages import render_form


@dataclass(frozen=True)
class PathwayForm:
    """An action form of a pathway: where it posts, its words, its toggle."""

    url_name: str
    toggle: str
    legend: str
    submit: str
    template: str = "pathways/_form.html"


PATHWAY_FORMS = {
    "transition": PathwayForm(
        "pathway_transition",
        "Changer d'étape",
        "Changer d'étape",
        "Enregistrer l'étape",
        "pathways/_transition_form.html",
    ),
    "referent": PathwayForm(
        "pathway_referent", "Changer de référent·e", "Changer de référent·e", "Changer"
    ),
    "pass": PathwayForm(
        "pathway_pass", "Renseigner le PASS IAE", "PASS IAE", "Enregistrer le PASS IAE"
    ),
    "pass_change": PathwayForm(
        "pathway_pass_change",
        "Suspendre ou prolonger le PASS IAE",
        "Suspendre ou prolonger le PASS IAE",
        "Enregistrer",
    ),
    "team_member": PathwayForm(
        "pathway_team_add",
        "Ajouter un·e professionnel·le à l'équipe",
        "Ajouter un·e professionnel·le à l'équipe",
        "Ajouter à l'équipe",
        "pathways/_team_form.html",
    ),
}


def _current_follower(request):
    """The organization the user acts for, if it may follow people."""
    organization = request.current_organization
    require(request.user, Capability.FOLLOW_PERSONS, organization)
    return organization


def _new_pathway_form(name, pathway, data=None, organization=None):
    prefix = f"p{pathway.pk}-{name}"
    if name == "transition":
        return TransitionForm(
            data,
            prefix=prefix,
            pathway=pathway,
            proposal=_proposal(pathway),
            prescriber=_prescriber(pathway),
        )
    if name == "pass":
        initial = {"number": pathway.pass_number, "start": pathway.pass_start}
        return PassForm(data, prefix=prefix, initial=initial)
    if name == "pass_change":
        return PassChangeForm(data, prefix=prefix)
    if name == "referent":
        return ReferentForm(data, prefix=prefix, organization=pathway.organization)
    return TeamMemberForm(data, prefix=prefix, organization=organization)


def _form_specs(pathway, bound: dict):
    """What the page needs to draw each form's toggle; `form` is set for a form sent
    back with its errors (or the team's second step) only, the others load on demand."""
    return {
        name: {
            "url": reverse(spec.url_name, args=[pathway.person_id, pathway.pk]),
            "slot": f"parcours-{pathway.pk}-{name.replace('_', '-')}",
            "toggle": spec.toggle,
            "legend": spec.legend,
            "submit": spec.submit,
            "template": spec.template,
            "form": bound.get(name),
        }
        for name, spec in PATHWAY_FORMS.items()
    }


def _proposal(pathway):
    """The exit the facts point to, offered by the closing form of an open pathway."""
    if state_machine.LIFECYCLE.allowed(pathway.state, PathwayState.CLOSED):
        return proposed_exit(pathway)
    return None


def _prescriber(pathway):
    """The organization that referred the person, told of the exit by a review."""
    if not state_machine.LIFECYCLE.allowed(pathway.state, PathwayState.CLOSED):
        return None
    referral = exit_services.referral_of(pathway)
    return referral.from_organization if referral else None


def _grouped(rows, key: str) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def _page(request, person, level, *, bound_pathway=None, bound=None, eligibility_form=None):
    pathways = list(selectors.person_pathways(request.user, person, level=level))
    chosen_team_organization = _team_organization_from_query(request)
    team = level >= Level.TEAM
    acting = {
        pathway.pk
        for pathway in pathways
        if team and can(request.user, Capability.FOLLOW_PERSONS, pathway.organization)
    }
    # What each pathway's block shows, read for all of them at once: a person followed
    # by several structures, or twice by one, costs the page no query more.
    contracts = _grouped(contracts_of_pathways(pathways), "pathway_id") if team else {}
    hires = (
        _grouped(
            hires_without_contract_at(
                person.pk, {p.organization_id for p in pathways if p.pk in acting}
            ),
            "introduced_by_id",
        )
        if acting
        else {}
    )
    checks = (
        _grouped(
            exit_selectors.checks_of_pathways([p for p in pathways if p.pk in acting]),
            "pathway_id",
        )
        if acting
        else {}
    )
    views = (
        selectors.seat_views([m for p in pathways for m in p.team_members.all()]) if team else {}
    )
    writes_stories = {
        p.pk
        for p in pathways
        if p.pk in acting and can(request.user, Capability.WRITE_STORIES, p.organization)
    }
    stories = stories_by_pathway(writes_stories)
    items = []
    for pathway in pathways:
        can_act = pathway.pk in acting
        forms = {}
        if can_act:
            opened = dict(bound or {}) if pathway.pk == bound_pathway else {}
            if "team_member" not in opened and chosen_team_organization:
                pathway_pk, organization = chosen_team_organization
                if pathway_pk == pathway.pk:
                    opened["team_member"] = _new_pathway_form(
                        "team_member", pathway, organization=organization
                    )
            forms = _form_specs(pathway, opened)
        seats = [(m, views[m.pk]) for m in pathway.team_members.all()] if team else []
        items.append(
            {
                "pathway": pathway,
                "can_act": can_act,
                "can_move": bool(state_machine.LIFECYCLE.options(pathway.state)),
                "forms": forms,
                "seats": seats,
                "contracts": contracts.get(pathway.pk, []),
                "hires": hires.get(pathway.organization_id, []) if can_act else [],
                "post_exit_checks": checks.get(pathway.pk, []),
                "writes_stories": pathway.pk in writes_stories,
                "stories": stories.get(pathway.pk, []),
            }
        )
    can_follow = level >= Level.TEAM and can(
        request.user, Capability.FOLLOW_PERSONS, request.current_organization
    )
    diagnoses = list(selectors.person_diagnoses(person)) if level >= Level.TEAM else []
    context = {
        "title": f"Parcours de {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "items": items,
        "can_open": can_follow,
        "can_diagnose": can_follow,
        "exit_categories": exit_categories_by_reason(),
        "diagnoses": diagnoses,
        # While a diagnosis stands (the prescriber's, joined to the referral), the
        # structure is not asked for another.
        "standing_diagnosis": selectors.standing_among(diagnoses),
        "eligibility_form": eligibility_form,
        "eligibility_url": reverse("eligibility_diagnose", args=[person.pk]),
        "essentials": person_essentials(request.user, person, level, pathways=pathways),
    }
    return context


def _form_page(request, person, level, pathway, name, organization=None):
    """GET on an action URL: its empty form, in place (htmx) or on its own page."""
    spec = _form_specs(pathway, {})[name]
    form = _new_pathway_form(name, pathway, organization=organization)
    context = {
        "title": f"{spec['legend']} — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "pathway": pathway,
        "form": form,
        "action": spec["url"],
        "legend": spec["legend"],
        "submit": spec["submit"],
        "exit_categories": exit_categories_by_reason(),
        "team_organization_form": TeamOrganizationForm(prefix=f"p{pathway.pk}-team_organization"),
        "slot": spec["slot"],
    }
    return render_form(
        request,
        spec["template"],
        context,
        back_url=reverse("person_pathways", args=[person.pk]) + f"#parcours-{pathway.pk}",
        back_label="Retour aux parcours",
    )


def _chosen_organization(request):
    try:
        organization_pk = int(request.GET.get("organisation", ""))
    except ValueError:
        return None
    return Organization.objects.filter(pk=organization_pk).first()


def _team_organization_from_query(request):
    """Step one of adding a professional sends back ?equipe=<pathway>&organisation=<id>."""
    try:
        pathway_pk = int(request.GET.get("equipe", ""))
        organization_pk = int(request.GET.get("organisation", ""))
    except ValueError:
        return None
    organization = Organization.objects.filter(pk=organization_pk).first()
    return (pathway_pk, organization) if organization else None


@login_required
def person_pathways(request, person_pk):
    person, level = person_for(request.user, person_pk, needed=Level.MILESTONES)
    return render(request, "pathways/person_pathways.html", _page(request, person, level))


@login_required
def pathway_open(request, person_pk):
    person, level = person_for(request.user, person_pk, needed=Level.TEAM)
    organization = _current_follower(request)
    form = PathwayOpenForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.pathway_open(
                person=person,
                organization=organization,
                user=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Le parcours est ouvert.")
            return redirect("person_pathways", person_pk=person.pk)
    context = {
        "title": f"Ouvrir un parcours — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "form": form,
        "organization": organization,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "pathways/open.html", context, status=status)


def _access_pathway(request, person_pk, pathway_pk):
    return pathway_to_manage(request.user, pathway_pk, person_pk=person_pk)


def _done(request, person, message):
    messages.success(request, message)
    return redirect("person_pathways", person_pk=person.pk)


def _failed(request, person, level, pathway, name, form):
    context = _page(request, person, level, bound_pathway=pathway.pk, bound={name: form})
    return render(request, "pathways/person_pathways.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_transition(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    if request.method == "GET":
        return _form_page(request, person, level, pathway, "transition")
    form = _new_pathway_form("transition", pathway, request.POST)

    def write(data):
        if data["to_state"] == PathwayState.CLOSED:
            # Closing goes by the facts (the latest contract) unless the counsellor says why.
            employment_services.pathway_close(
                pathway=pathway,
                user=request.user,
                exit_reason=data["exit_reason"],
                override_reason=data.get("override_reason", ""),
                comment=data["comment"],
                review_note=data.get("review_note", ""),
            )
            return
        services.pathway_transition(
            pathway=pathway,
            to_state=data["to_state"],
            exit_reason=data["exit_reason"],
            comment=data["comment"],
            user=request.user,
        )

    if write_if_valid(form, write):
        return _done(request, person, "L'étape du parcours est enregistrée.")
    return _failed(request, person, level, pathway, "transition", form)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_pass(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    if request.method == "GET":
        return _form_page(request, person, level, pathway, "pass")
    form = PassForm(request.POST, prefix=f"p{pathway.pk}-pass")

    def write(data):
        services.pass_set(
            pathway=pathway, number=data["number"], start=data["start"], actor=request.user
        )

    if write_if_valid(form, write):
        return _done(request, person, "Le PASS IAE est enregistré.")
    return _failed(request, person, level, pathway, "pass", form)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_pass_change(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    if request.method == "GET":
        return _form_page(request, person, level, pathway, "pass_change")
    form = PassChangeForm(request.POST, prefix=f"p{pathway.pk}-pass_change")

    def write(data):
        services.pass_change_add(pathway=pathway, user=request.user, **data)

    if write_if_valid(form, write):
        return _done(request, person, "La suspension ou prolongation est enregistrée.")
    return _failed(request, person, level, pathway, "pass_change", form)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_referent(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    if request.method == "GET":
        return _form_page(request, person, level, pathway, "referent")
    form = ReferentForm(
        request.POST, prefix=f"p{pathway.pk}-referent", organization=pathway.organization
    )

    def write(data):
        services.referent_change(pathway=pathway, referent=data["referent"], actor=request.user)

    if write_if_valid(form, write):
        return _done(request, person, "Le·la référent·e est changé·e.")
    return _failed(request, person, level, pathway, "referent", form)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_team_add(request, person_pk, pathway_pk):
    """GET: the organization to choose first, then (?organisation=) its members."""
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    if request.method == "GET":
        organization = _chosen_organization(request)
        return _form_page(request, person, level, pathway, "team_member", organization)
    form = TeamMemberForm(request.POST, prefix=f"p{pathway.pk}-team_member")

    def write(data):
        services.team_member_add(pathway=pathway, actor=request.user, **data)

    if write_if_valid(form, write):
        return _done(request, person, "Le·la professionnel·le rejoint l'équipe.")
    return _failed(request, person, level, pathway, "team_member", form)


@login_required
@require_POST
def pathway_team_remove(request, person_pk, pathway_pk, member_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    member = get_object_or_404(pathway.team_members.select_related("user"), pk=member_pk)
    services.team_member_remove(member=member, actor=request.user)
    return _done(request, person, f"{member.user} ne fait plus partie de l'équipe.")


@login_required
@require_http_methods(["GET", "POST"])
def eligibility_diagnose(request, person_pk):
    person, level = person_for(request.user, person_pk, needed=Level.TEAM)
    organization = _current_follower(request)
    if request.method == "GET":
        context = {
            "title": f"Diagnostic d'éligibilité — {person}",
            "person": person,
            "person_level": int(level),
            "active_tab": "pathways",
            "eligibility_form": EligibilityForm(),
            "eligibility_url": reverse("eligibility_diagnose", args=[person.pk]),
        }
        return render_form(
            request,
            "pathways/_eligibility_form.html",
            context,
            back_url=reverse("person_pathways", args=[person.pk]) + "#eligibilite-titre",
            back_label="Retour aux parcours",
        )
    form = EligibilityForm(request.POST)

    def write(data):
        services.eligibility_diagnose(
            person=person,
            organization=organization,
            author=request.user,
            structure_kind=organization.kind,
            **data,
        )

    if write_if_valid(form, write):
        return _done(request, person, "Le diagnostic d'éligibilité est enregistré.")
    context = _page(request, person, level, eligibility_form=form)
    return render(request, "pathways/person_pathways.html", context, status=400)
