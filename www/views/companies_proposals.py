"""Changes proposed to a company that owns its record: a structure proposes, the
company's own account reads the proposals on its page and accepts or refuses each one;
the register's history shows who changed what. See `companies.access`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from companies import services
from companies.access import owns, proposal_for
from companies.enums import ProposalState
from companies.forms import ProposalDecisionForm, ProposalForm
from companies.identity import described, identity_of
from companies.models import ChangeProposal, Company
from www.views.companies import (
    access_company,
    company_page_url,
    page_of,
    register_history,
    relates,
    relating_organization,
)


def _proposals_page_access(request, company: Company) -> bool:
    """The owner, or a structure that relates with companies (its own proposals)."""
    if owns(request.user, company):
        return True
    relating_organization(request)
    return False


def _with_descriptions(proposals):
    proposals = list(proposals)
    for proposal in proposals:
        proposal.described = described(proposal.changes)
    return proposals


@login_required
@require_GET
def company_proposals(request, company_pk):
    """The owner's page of its record: the proposals to answer, those answered, and the
    history; a structure sees the proposals its organization made."""
    company = access_company(request, company_pk)
    is_owner = _proposals_page_access(request, company)
    proposals = (
        ChangeProposal.objects.visible_to(request.user)
        .filter(company=company)
        .select_related("organization", "author", "decided_by")
    )
    if not is_owner:
        proposals = proposals.filter(organization=request.current_organization)
    page = page_of(request, proposals)
    return render(
        request,
        "companies/proposals.html",
        {
            "title": f"Fiche de {company.name} : propositions de modification",
            "company": company,
            "is_owner": is_owner,
            "relates": relates(request),
            "page": page,
            "proposals": _with_descriptions(page.object_list),
            "history": register_history(request.user, company),
            "back_url": company_page_url(request, company),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_proposal_create(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    if company.organization_id is None or owns(request.user, company):
        return redirect("company_edit", company_pk=company.pk)
    current = Company.objects.get(pk=company.pk)  # the form may change the instance it cleans
    form = ProposalForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment", "")
        try:
            services.proposal_create(
                company=company,
                organization=organization,
                user=request.user,
                data=data,
                comment=comment,
            )
        except services.DuplicateCompany as error:
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Proposition envoyée à {company.name} : la fiche changera si l'entreprise "
                "l'accepte.",
            )
            return redirect("company_detail", company_pk=company.pk)
    return render(
        request,
        "companies/proposal_create.html",
        {
            "title": f"Proposer une modification de {company.name}",
            "company": company,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_proposal_detail(request, company_pk, proposal_pk):
    """One proposal: the change beside today's values; the owner answers it here."""
    company = access_company(request, company_pk)
    is_owner = _proposals_page_access(request, company)
    proposal = proposal_for(request.user, company, proposal_pk)
    if not is_owner and proposal.organization_id != request.current_organization.pk:
        raise PermissionDenied("Cette proposition est celle d'une autre organisation.")
    form = ProposalDecisionForm(request.POST or None)
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied("Seule l'entreprise, sur son compte Parcours, répond.")
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            try:
                if decision == ProposalState.ACCEPTED:
                    services.proposal_accept(proposal=proposal, user=request.user)
                else:
                    services.proposal_refuse(
                        proposal=proposal, user=request.user, reason=form.cleaned_data["reason"]
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                done = (
                    "appliquée à votre fiche" if decision == ProposalState.ACCEPTED else "refusée"
                )
                messages.success(
                    request, f"Proposition {done} : {proposal.organization} est informée."
                )
                return redirect("company_proposals", company_pk=company.pk)
    today = identity_of(company)
    rows = [
        (label, old, new, current)
        for (label, old, new), (_, _, current) in zip(
            described(proposal.changes),
            described({name: [None, today[name]] for name in proposal.changes}),
            strict=True,
        )
    ]
    return render(
        request,
        "companies/proposal_detail.html",
        {
            "title": f"Proposition de {proposal.organization} pour {company.name}",
            "company": company,
            "proposal": proposal,
            "rows": rows,
            "is_owner": is_owner,
            "form": form,
            "transitions": proposal.transitions.select_related("by"),
        },
        status=400 if request.method == "POST" else 200,
    )
