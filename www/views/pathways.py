"""The « Parcours » tab of a person: their pathways at the user's level, and for the
holding structure the actions on each (next step, PASS IAE, referent, team) and the IAE
eligibility diagnosis. Each view: fetch and authorise, one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from access.policy import Capability, can, require
from employment import services as employment_services
from employment.exits import proposed_exit
from employment.selectors import contracts_of, hires_without_contract
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


def _current_follower(request):
    """The organization the user acts for, if it may follow people."""
    organization = request.current_organization
    require(request.user, Capability.FOLLOW_PERSONS, organization)
    return organization


def _pathway_forms(pathway, bound: dict):
    def prefixed(name, cls, **kwargs):
        return bound.get(name) or cls(prefix=f"p{pathway.pk}-{name}", **kwargs)

    return {
        "transition": prefixed(
            "transition",
            TransitionForm,
            pathway=pathway,
            proposal=_proposal(pathway),
            prescriber=_prescriber(pathway),
        ),
        "pass": prefixed(
            "pass",
            PassForm,
            initial={"number": pathway.pass_number, "start": pathway.pass_start},
        ),
        "pass_change": prefixed("pass_change", PassChangeForm),
        "referent": prefixed("referent", ReferentForm, organization=pathway.organization),
        "team_organization": prefixed("team_organization", TeamOrganizationForm),
        "team_member": bound.get("team_member"),
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


def _page(request, person, level, *, bound_pathway=None, bound=None, eligibility_form=None):
    pathways = list(selectors.person_pathways(request.user, person, level=level))
    chosen_team_organization = _team_organization_from_query(request)
    items = []
    for pathway in pathways:
        can_act = level >= Level.TEAM and can(
            request.user, Capability.FOLLOW_PERSONS, pathway.organization
        )
        forms = {}
        if can_act:
            forms = _pathway_forms(pathway, bound if pathway.pk == bound_pathway else {})
            if forms["team_member"] is None and chosen_team_organization:
                pathway_pk, organization = chosen_team_organization
                if pathway_pk == pathway.pk:
                    forms["team_member"] = TeamMemberForm(
                        prefix=f"p{pathway.pk}-team_member", organization=organization
                    )
        seats = []
        if level >= Level.TEAM:
            members = list(pathway.team_members.all())
            views = selectors.seat_views(members)
            seats = [(member, views[member.pk]) for member in members]
        contracts = list(contracts_of(pathway)) if level >= Level.TEAM else []
        hires = list(hires_without_contract(pathway)) if can_act else []
        checks = list(exit_selectors.checks_of(pathway)) if can_act else []
        items.append(
            {
                "pathway": pathway,
                "can_act": can_act,
                "forms": forms,
                "seats": seats,
                "contracts": contracts,
                "hires": hires,
                "post_exit_checks": checks,
            }
        )
    can_follow = level >= Level.TEAM and can(
        request.user, Capability.FOLLOW_PERSONS, request.current_organization
    )
    context = {
        "title": f"Parcours de {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "items": items,
        "can_open": can_follow,
        "can_diagnose": can_follow,
        "exit_categories": exit_categories_by_reason(),
        "diagnoses": list(selectors.person_diagnoses(person)) if level >= Level.TEAM else [],
        # While a diagnosis stands (the prescriber's, joined to the referral), the
        # structure is not asked for another.
        "standing_diagnosis": selectors.valid_diagnosis(person) if level >= Level.TEAM else None,
        "eligibility_form": eligibility_form or EligibilityForm(),
    }
    return context


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
@require_POST
def pathway_transition(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    form = TransitionForm(
        request.POST,
        prefix=f"p{pathway.pk}-transition",
        pathway=pathway,
        proposal=_proposal(pathway),
        prescriber=_prescriber(pathway),
    )

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
@require_POST
def pathway_pass(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    form = PassForm(request.POST, prefix=f"p{pathway.pk}-pass")

    def write(data):
        services.pass_set(
            pathway=pathway, number=data["number"], start=data["start"], actor=request.user
        )

    if write_if_valid(form, write):
        return _done(request, person, "Le PASS IAE est enregistré.")
    return _failed(request, person, level, pathway, "pass", form)


@login_required
@require_POST
def pathway_pass_change(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    form = PassChangeForm(request.POST, prefix=f"p{pathway.pk}-pass_change")

    def write(data):
        services.pass_change_add(pathway=pathway, user=request.user, **data)

    if write_if_valid(form, write):
        return _done(request, person, "La suspension ou prolongation est enregistrée.")
    return _failed(request, person, level, pathway, "pass_change", form)


@login_required
@require_POST
def pathway_referent(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
    form = ReferentForm(
        request.POST, prefix=f"p{pathway.pk}-referent", organization=pathway.organization
    )

    def write(data):
        services.referent_change(pathway=pathway, referent=data["referent"], actor=request.user)

    if write_if_valid(form, write):
        return _done(request, person, "Le·la référent·e est changé·e.")
    return _failed(request, person, level, pathway, "referent", form)


@login_required
@require_POST
def pathway_team_add(request, person_pk, pathway_pk):
    person, level, pathway = _access_pathway(request, person_pk, pathway_pk)
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
@require_POST
def eligibility_diagnose(request, person_pk):
    person, level = person_for(request.user, person_pk, needed=Level.TEAM)
    organization = _current_follower(request)
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
