"""Two changes of a pathway that are not steps: correcting the kind it was opened under,
and handing a Sas IAE over to an IAE pathway. Each on its own page (the pathway page
links to them), each: fetch and authorise, one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lib.form_writes import write_if_valid
from pathways import services
from pathways.access import pathway_to_manage
from pathways.forms import KindCorrectionForm, SasHandoverForm


def _render(request, person, level, pathway, template, form, title):
    context = {
        "title": f"{title} — {person}",
        "heading": title,
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "pathway": pathway,
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_kind_correct(request, person_pk, pathway_pk):
    person, level, pathway = pathway_to_manage(request.user, pathway_pk, person_pk=person_pk)
    form = KindCorrectionForm(request.POST or None, pathway=pathway)

    def write(data):
        services.pathway_kind_correct(
            pathway=pathway, kind=data["kind"], reason=data["reason"], actor=request.user
        )

    if request.method == "POST" and write_if_valid(form, write):
        messages.success(request, "Le type du parcours est corrigé.")
        return redirect("person_pathways", person_pk=person.pk)
    return _render(
        request,
        person,
        level,
        pathway,
        "pathways/kind_correct.html",
        form,
        "Corriger le type du parcours",
    )


@login_required
@require_http_methods(["GET", "POST"])
def pathway_sas_handover(request, person_pk, pathway_pk):
    person, level, pathway = pathway_to_manage(request.user, pathway_pk, person_pk=person_pk)
    form = SasHandoverForm(request.POST or None, pathway=pathway)

    def write(data):
        services.sas_handover(
            pathway=pathway,
            to_organization=data["organization"],
            on=data["started_on"],
            comment=data["comment"],
            actor=request.user,
        )

    if request.method == "POST" and write_if_valid(form, write):
        messages.success(request, "Le Sas IAE passe le relais : le parcours IAE est ouvert.")
        return redirect("person_pathways", person_pk=person.pk)
    return _render(
        request,
        person,
        level,
        pathway,
        "pathways/sas_handover.html",
        form,
        "Passer le relais à un parcours IAE",
    )
