"""Partnerships between an employer (group) and a structure (seed 002): the list, the
page (parties, phases with their dates and notes, days, tensions, subsidy, documents,
the offers crossed with the people's wishes and the results, in counts), the phase
form, the follow-up form, the documents. Each view: fetch and authorise
(`cooperation.access`), one service, render."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from access.policy import Capability, can
from cooperation import selectors, services
from cooperation.access import partnership_for
from cooperation.enums import Phase
from cooperation.forms import (
    PartnershipDocumentForm,
    PartnershipEditForm,
    PartnershipFilterForm,
    PartnershipForm,
    PhaseForm,
)
from cooperation.state_machine import PHASES_OF, next_phases, phase_number
from lib.confirmation import ask_first
from lib.form_writes import write_if_valid

PAGE_SIZE = 20


@login_required
@require_GET
def partnership_list(request):
    form = PartnershipFilterForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    rows = selectors.partnerships_of(
        request.user,
        phase=form.cleaned_data["phase"] if valid else "",
        search=form.cleaned_data["q"] if valid else "",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperation/partnership_list.html",
        {"title": "Partenariats", "form": form, "page": page},
    )


@login_required
def partnership_create(request):
    organization = request.current_organization
    form = PartnershipForm(request.POST or None)
    holder = {}

    def write(data):
        holder["partnership"] = services.partnership_create(
            user=request.user,
            organization=organization,
            kind=data["kind"],
            employer=data["employer"],
            structure=data["structure"],
            started_on=data["started_on"],
            days_committed=data["days_committed"],
            # A coordinator that records a partnership it does not take part in leads it.
            facilitator=None
            if organization in (data["employer"], data["structure"])
            else organization,
            employer_contact=request.user if organization == data["employer"] else None,
            structure_contact=request.user if organization == data["structure"] else None,
            notes=data["notes"],
        )

    if request.method == "POST" and write_if_valid(form, write):
        messages.success(request, "Le partenariat est enregistré : phase « Première rencontre ».")
        return redirect("partnership_detail", partnership_pk=holder["partnership"].pk)
    return render(
        request,
        "cooperation/partnership_form.html",
        {"title": "Nouveau partenariat", "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _phases(partnership):
    """Each phase of the partnership's kind, with the date and notes it was reached."""
    reached = {}
    for transition in partnership.transitions.select_related("by"):
        reached[transition.to_state] = transition
    phases = [*PHASES_OF[partnership.kind], Phase.ENDED]
    return [
        {"code": code, "label": Phase(code).label, "reached": reached.get(code)}
        for code in phases
        if code != Phase.ENDED or code in reached
    ]


def _matching_links(request, partnership):
    """The territory's needs page, on the structure's area and crossed with the
    employer group's members, for the organizations that read it (never an employer)."""
    if not can(request.user, Capability.VIEW_TERRITORY_NEEDS, request.current_organization):
        return {}
    query = {}
    if partnership.structure.commune_id and partnership.structure.commune.epci_id:
        query["epci"] = partnership.structure.commune.epci_id
    group = selectors.employer_group_company(partnership)
    if group is not None:
        query["group"] = group.pk
    return {"needs": f"{reverse('territory_needs')}?{urlencode(query)}"}


def _page(request, partnership, *, phase_form=None, edit_form=None, document_form=None, status=200):
    options = next_phases(partnership.kind, partnership.phase)
    companies = selectors.employer_company_ids(partnership)  # read once for both tables
    context = {
        "title": f"Partenariat — {partnership}",
        "partnership": partnership,
        "phases": _phases(partnership),
        "number": phase_number(partnership.kind, partnership.phase),
        "phase_count": len(PHASES_OF[partnership.kind]),
        "options": options,
        "phase_form": phase_form
        or PhaseForm(initial={"to_phase": options[0][0] if options else ""}),
        "edit_form": edit_form
        or PartnershipEditForm(
            initial={
                "days_committed": partnership.days_committed,
                "days_used": partnership.days_used,
                "tensions": partnership.tensions,
                "tensions_notes": partnership.tensions_notes,
                "subsidy_amount": partnership.subsidy_amount,
                "subsidy_status": partnership.subsidy_status,
            }
        ),
        "document_form": document_form or PartnershipDocumentForm(),
        "documents": partnership.documents.select_related("uploaded_by", "organization"),
        "crossing": selectors.crossing(partnership, companies),
        "results": selectors.results(partnership, companies),
        "sheets": partnership.sheets.select_related("group"),
        "links": _matching_links(request, partnership),
    }
    return render(request, "cooperation/partnership_detail.html", context, status=status)


@login_required
@require_GET
def partnership_detail(request, partnership_pk):
    return _page(request, partnership_for(request.user, partnership_pk))


@login_required
@require_POST
def partnership_advance(request, partnership_pk):
    partnership = partnership_for(request.user, partnership_pk)
    form = PhaseForm(request.POST)
    if form.is_valid() and form.cleaned_data["to_phase"] == Phase.ENDED:
        asked = ask_first(
            request,
            keep=("to_phase", "on", "notes"),
            title="Mettre fin au partenariat ?",
            consequence=f"Le partenariat {partnership} sera terminé : il ne pourra plus "
            "avancer de phase. Son historique reste lisible.",
            button="Mettre fin au partenariat",
            cancel_url=reverse("partnership_detail", args=[partnership.pk]),
        )
        if asked is not None:
            return asked

    def write(data):
        services.partnership_advance(
            partnership=partnership,
            user=request.user,
            to_phase=data["to_phase"],
            on=data["on"],
            notes=data["notes"],
        )

    if write_if_valid(form, write):
        messages.success(
            request, f"Le partenariat passe à la phase « {partnership.get_phase_display()} »."
        )
        return redirect("partnership_detail", partnership_pk=partnership.pk)
    return _page(request, partnership, phase_form=form, status=400)


@login_required
@require_POST
def partnership_edit(request, partnership_pk):
    partnership = partnership_for(request.user, partnership_pk)
    form = PartnershipEditForm(request.POST)

    def write(data):
        services.partnership_update(
            partnership=partnership,
            user=request.user,
            data={**data, "subsidy_status": data["subsidy_status"] or ""},
        )

    if write_if_valid(form, write):
        messages.success(request, "Le suivi du partenariat est enregistré.")
        return redirect("partnership_detail", partnership_pk=partnership.pk)
    return _page(request, partnership, edit_form=form, status=400)


@login_required
@require_POST
def partnership_document_upload(request, partnership_pk):
    partnership = partnership_for(request.user, partnership_pk)
    form = PartnershipDocumentForm(request.POST, request.FILES)

    def write(data):
        services.partnership_document_upload(
            partnership=partnership,
            user=request.user,
            organization=request.current_organization,
            title=data["title"],
            file=data["file"],
        )

    if write_if_valid(form, write):
        messages.success(request, "Le document est déposé.")
        return redirect("partnership_detail", partnership_pk=partnership.pk)
    return _page(request, partnership, document_form=form, status=400)


@login_required
@require_GET
def partnership_document_download(request, partnership_pk, partnership_document_pk):
    partnership = partnership_for(request.user, partnership_pk)
    document = partnership.documents.filter(pk=partnership_document_pk).first()
    if document is None:
        raise Http404("Document introuvable.")
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
