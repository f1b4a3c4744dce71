"""Contract pages of a person's pathway: record a contract, see one with its changes and
follow-up, record a change, a checkpoint side, its end or an early break; mark an alert
handled from « À traiter ». Each view: fetch and authorise, one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from employment import selectors, services
from employment.access import alert_to_manage, contract_to_manage, side_to_manage
from employment.enums import Side
from employment.forms import (
    BreakForm,
    ChangeForm,
    ContractForm,
    EmployerLinkForm,
    EndForm,
    SideForm,
)
from employment.state_machine import LIFECYCLE
from lib.form_writes import write_if_valid
from pathways.access import pathway_to_manage
from www.views.form_pages import render_form


def _hire_to_record(request, pathway):
    """The hired introduction the contract comes from (`?embauche=<id>`, kept in the
    form's address on sending): one of this pathway's hires without a contract, or 404."""
    pk = request.GET.get("embauche", "")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404("Embauche introuvable.")
    return get_object_or_404(selectors.hires_without_contract(pathway), pk=int(pk))


def _initial_of(terms: dict) -> dict:
    """The contract form's fields from a hire's terms."""
    company = terms["company"]
    return {
        "company_siret": company.siret if company else "",
        "contract_type": terms["contract_type"],
        "start_date": terms["start_date"],
        "end_date": terms["end_date"],
        "hours_per_week": terms["hours_per_week"],
    }


@login_required
def contract_create(request, person_pk, pathway_pk):
    person, level, pathway = pathway_to_manage(request.user, pathway_pk, person_pk=person_pk)
    hire = _hire_to_record(request, pathway)
    initial = _initial_of(services.terms_of_hire(hire)) if hire else None
    form = ContractForm(request.POST or None, initial=initial)
    if request.method == "POST":
        holder = {}
        origin = {"offer": hire.offer, "introduction": hire} if hire else {}

        def write(data):
            holder["contract"] = services.contract_create(
                pathway=pathway, user=request.user, **form.arguments(), **origin
            )

        if write_if_valid(form, write):
            messages.success(request, "Le contrat est enregistré, avec son suivi dans l'emploi.")
            return redirect(
                "contract_detail", person_pk=person.pk, contract_pk=holder["contract"].pk
            )
    context = {
        "title": f"Enregistrer un contrat — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "pathway": pathway,
        "form": form,
        "hire": hire,
    }
    return render(
        request,
        "employment/contract_create.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


# The contract's forms open on demand, as the pathway's: GET on a form's URL gives the
# form (the fragment for htmx, a page of its own without JavaScript), POST writes.
CONTRACT_FORMS = {
    "change": ("contract_change", "Enregistrer un changement", "Enregistrer le changement"),
    "end": ("contract_end", "Fin au terme prévu", "Terminer le contrat"),
    "break": ("contract_break", "Rupture avant le terme", "Déclarer la rupture"),
}


def _new_contract_form(name, contract):
    if name == "change":
        return ChangeForm(prefix="change")
    if name == "break":
        return BreakForm(prefix="break")
    return EndForm(prefix="end", initial={"on": contract.end_date})


def _side_form(side, data=None):
    return SideForm(
        data, side=side.side, prefix=f"s{side.pk}", initial={"done_on": side.planned_on}
    )


def _form_page(request, person, level, contract, template, context):
    page = {
        "title": f"{context['legend']} — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "contract": contract,
        **context,
    }
    return render_form(
        request,
        template,
        page,
        back_url=reverse("contract_detail", args=[person.pk, contract.pk]),
        back_label="Retour au contrat",
    )


def _contract_form_page(request, person, level, contract, name):
    url_name, legend, submit = CONTRACT_FORMS[name]
    context = {
        "form": _new_contract_form(name, contract),
        "action": reverse(url_name, args=[person.pk, contract.pk]),
        "legend": legend,
        "submit": submit,
    }
    return _form_page(request, person, level, contract, "pathways/_form.html", context)


def side_legend(side) -> str:
    """The words of a checkpoint side's toggle and legend, unique on the page."""
    step = side.checkpoint.get_step_display()
    return f"Enregistrer le point {step}, côté {side.get_side_display().lower()}"


def _detail(request, person, level, contract, *, bound=None, status=200):
    bound = bound or {}
    contract = selectors.contracts_of(contract.pathway).get(pk=contract.pk)
    running = not LIFECYCLE.is_terminal(contract.state)
    contact = selectors.employer_contact(contract)
    checkpoints = []
    for checkpoint in contract.checkpoints.all():
        sides = []
        for side in checkpoint.sides.all():
            link_form = None
            if side.side == Side.EMPLOYER and side.done_on is None:
                link_form = bound.get(("link", side.pk)) or EmployerLinkForm(
                    prefix=f"l{side.pk}", initial={"email": side.link_sent_to or contact}
                )
            sides.append(
                {
                    "side": side,
                    "form": bound.get(("side", side.pk)),
                    "slot": f"point-cote-{side.pk}",
                    "legend": side_legend(side),
                    "link_form": link_form,
                }
            )
        checkpoints.append({"checkpoint": checkpoint, "sides": sides})
    context = {
        "title": f"Contrat — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "contract": contract,
        "running": running,
        "checkpoints": checkpoints,
        "retention": selectors.retention_of(contract),
        "contract_forms": {
            name: {
                "url": reverse(url_name, args=[person.pk, contract.pk]),
                "slot": f"formulaire-{name}",
                "legend": legend,
                "submit": submit,
                "form": bound.get(name),
            }
            for name, (url_name, legend, submit) in CONTRACT_FORMS.items()
        },
    }
    return render(request, "employment/contract_detail.html", context, status=status)


@login_required
def contract_detail(request, person_pk, contract_pk):
    person, level, contract = contract_to_manage(request.user, contract_pk, person_pk=person_pk)
    return _detail(request, person, level, contract)


def _done(request, person, contract, message):
    messages.success(request, message)
    return redirect("contract_detail", person_pk=person.pk, contract_pk=contract.pk)


@login_required
@require_http_methods(["GET", "POST"])
def contract_change(request, person_pk, contract_pk):
    person, level, contract = contract_to_manage(request.user, contract_pk, person_pk=person_pk)
    if request.method == "GET":
        return _contract_form_page(request, person, level, contract, "change")
    form = ChangeForm(request.POST, prefix="change")

    def write(data):
        services.contract_change(contract=contract, user=request.user, **data)

    if write_if_valid(form, write):
        return _done(request, person, contract, "Le changement est enregistré.")
    return _detail(request, person, level, contract, bound={"change": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def contract_break(request, person_pk, contract_pk):
    person, level, contract = contract_to_manage(request.user, contract_pk, person_pk=person_pk)
    if request.method == "GET":
        return _contract_form_page(request, person, level, contract, "break")
    form = BreakForm(request.POST, prefix="break")

    def write(data):
        services.contract_break(contract=contract, user=request.user, **data)

    if write_if_valid(form, write):
        return _done(request, person, contract, "La rupture est enregistrée ; le parcours reprend.")
    return _detail(request, person, level, contract, bound={"break": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def contract_end(request, person_pk, contract_pk):
    person, level, contract = contract_to_manage(request.user, contract_pk, person_pk=person_pk)
    if request.method == "GET":
        return _contract_form_page(request, person, level, contract, "end")
    form = EndForm(request.POST, prefix="end")

    def write(data):
        services.contract_end(contract=contract, user=request.user, on=data["on"])

    if write_if_valid(form, write):
        return _done(request, person, contract, "Le contrat est arrivé à son terme.")
    return _detail(request, person, level, contract, bound={"end": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def checkpoint_side(request, person_pk, contract_pk, side_pk):
    person, level, contract = contract_to_manage(request.user, contract_pk, person_pk=person_pk)
    side = side_to_manage(request.user, side_pk, contract=contract)
    if request.method == "GET":
        context = {
            "side": side,
            "form": _side_form(side),
            "legend": side_legend(side),
            "action": reverse("checkpoint_side", args=[person.pk, contract.pk, side.pk]),
        }
        return _form_page(request, person, level, contract, "employment/_side_form.html", context)
    form = _side_form(side, request.POST)

    def write(data):
        services.checkpoint_side_record(side=side, user=request.user, **data)

    if write_if_valid(form, write):
        return _done(request, person, contract, "Le point de suivi est enregistré.")
    return _detail(request, person, level, contract, bound={("side", side.pk): form}, status=400)


@login_required
@require_POST
def employer_link_send(request, person_pk, contract_pk, side_pk):
    """« Envoyer le lien à l'employeur » for the employer's side of a checkpoint."""
    person, level, contract = contract_to_manage(request.user, contract_pk, person_pk=person_pk)
    side = side_to_manage(request.user, side_pk, contract=contract)
    form = EmployerLinkForm(request.POST, prefix=f"l{side.pk}")

    def write(data):
        services.employer_link_send(side=side, user=request.user, email=data["email"])

    if write_if_valid(form, write):
        return _done(
            request, person, contract, f"Le lien est envoyé à {form.cleaned_data['email']}."
        )
    return _detail(request, person, level, contract, bound={("link", side.pk): form}, status=400)


@login_required
@require_POST
def alert_close(request, alert_pk):
    alert = alert_to_manage(request.user, alert_pk)
    services.alert_close(alert=alert, user=request.user)
    messages.success(request, "L'alerte est marquée comme traitée.")
    return redirect("worklist")
