"""The company register: the list (search and filters, with the organization's relations
shown), a company's page, creating and editing a company, an employer group's members.
Organizations that relate with companies (Capability.RELATE_WITH_COMPANIES) use them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.policy import Capability, can
from companies import selectors, services
from companies.access import OWNED, may_edit_identity, owns
from companies.forms import (
    ClubForm,
    CompanyForm,
    CompanySearchForm,
    LogEntryForm,
    MemberForm,
    MemberLeaveForm,
    TagForm,
)
from companies.identity import described
from companies.models import (
    ChangeProposal,
    ClubMembership,
    Company,
    CompanyChange,
    CompanyTag,
    Contact,
    GroupMembership,
)
from immersions.selectors import company_immersions
from jobs.models import SectorHiring
from lib.confirmation import confirmation_page, confirmed
from lib.search import query_words
from lib.text import of

PAGE_SIZE = 25


def relating_organization(request):
    """The organization the user acts for, if it keeps relations with companies."""
    organization = request.current_organization
    if not can(request.user, Capability.RELATE_WITH_COMPANIES, organization):
        raise PermissionDenied("Votre organisation ne gère pas de relations avec les entreprises.")
    return organization


def access_company(request, pk: int) -> Company:
    return get_object_or_404(
        Company.objects.visible_to(request.user).select_related("commune", "organization"), pk=pk
    )


def page_of(request, items, param="page"):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get(param))


def register_history(user, company, limit=None):
    """The company's identity changes, newest first, with who made them and for which
    organization, each change described in French."""
    changes = (
        CompanyChange.objects.visible_to(user)
        .filter(company=company)
        .select_related("by", "organization", "proposal__organization")
    )
    changes = list(changes[:limit] if limit else changes)
    for change in changes:
        change.described = described(change.changes)
    return changes


def register_context(request, company) -> dict:
    """What the register says about who may change the company, for its pages."""
    user = request.user
    return {
        "owned": company.organization_id is not None,
        "is_owner": owns(user, company),
        "may_edit": may_edit_identity(user, company),
        "history": register_history(user, company, limit=5),
        "pending_proposals": ChangeProposal.objects.visible_to(user)
        .pending()
        .filter(company=company)
        .select_related("organization", "author"),
    }


@login_required
@require_GET
def company_list(request):
    organization = relating_organization(request)
    form = CompanySearchForm(request.GET or None, tags=selectors.tag_labels(organization))
    companies = Company.objects.none()
    if form.is_valid():
        data = form.cleaned_data
        companies = selectors.company_search(
            request.user,
            organization,
            q=data["q"],
            division=data["secteur"],
            commune=data["commune"],
            radius_km=data["rayon"],
            club_only=data["club"],
            tag=data["etiquette"],
            due_only=data["a_relancer"],
        )
    elif not form.is_bound:
        companies = selectors.company_search(request.user, organization)
    return render(
        request,
        "companies/list.html",
        {
            "title": "Entreprises",
            "form": form,
            "page": page_of(request, companies),
            "searched": form.is_bound,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def detail_context(request, organization, company, **bound):
    """The company's page: the register's facts, and the organization's relations."""
    user = request.user
    contacts = Contact.objects.visible_to(user).of(organization).filter(company=company)
    club = ClubMembership.objects.visible_to(user).of(organization).filter(company=company).first()
    members = GroupMembership.objects.visible_to(user).filter(group=company).active()
    return {
        "title": company.name,
        "company": company,
        "organization": organization,
        "club": club,
        "tags": CompanyTag.objects.visible_to(user).of(organization).filter(company=company),
        "contacts": page_of(request, contacts, "p_contacts"),
        "log": page_of(request, selectors.company_log(user, organization, company)),
        "members": page_of(request, members.select_related("member__commune"), "p_membres"),
        "groups": GroupMembership.objects.visible_to(user)
        .filter(member=company)
        .active()
        .select_related("group"),
        "immersions": page_of(request, company_immersions(user, company), "p_immersions"),
        "club_form": bound.get("club_form")
        or ClubForm(initial={"engagement": club.engagement, "since": club.since} if club else None),
        "tag_form": bound.get("tag_form") or TagForm(),
        "log_form": bound.get("log_form") or LogEntryForm(contacts=contacts),
        "member_form": bound.get("member_form") or MemberForm(group=company),
        **register_context(request, company),
    }


@login_required
@require_GET
def company_detail(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    return render(request, "companies/detail.html", detail_context(request, organization, company))


def relates(request) -> bool:
    return can(request.user, Capability.RELATE_WITH_COMPANIES, request.current_organization)


def company_page_url(request, company) -> str:
    """The company's page the user may open: the register's, or its owner's."""
    if relates(request):
        return reverse("company_detail", args=[company.pk])
    return reverse("company_proposals", args=[company.pk])


def _edit(request, company):
    form = CompanyForm(request.POST or None, instance=company)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            if company is None:
                company = services.company_create(data=form.cleaned_data)
            else:
                company = services.company_update(
                    company=company,
                    data=form.cleaned_data,
                    user=request.user,
                    organization=request.current_organization,
                )
        except services.DuplicateCompany as error:
            duplicate = error.company
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Entreprise « {company.name} » enregistrée.")
            return redirect(company_page_url(request, company))
    return render(
        request,
        "companies/edit.html",
        {
            "title": f"Modifier {company.name}" if company else "Ajouter une entreprise",
            "form": form,
            "company": company,
            "duplicate": duplicate,
            "back_url": company_page_url(request, company) if company else "",
            "is_owner_page": not relates(request),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_create(request):
    relating_organization(request)
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request, company_pk):
    """A company with its own account is edited by its members only (the structures
    propose a change); any other by the structures that relate with companies."""
    company = access_company(request, company_pk)
    if not owns(request.user, company):
        relating_organization(request)
        if not may_edit_identity(request.user, company):
            # Refused, with the way forward: propose the change to the owner.
            return render(
                request,
                "companies/owned.html",
                {
                    "title": "Fiche gérée par l'entreprise",
                    "company": company,
                    "message": OWNED.format(company=company.name),
                },
                status=403,
            )
    return _edit(request, company)


@login_required
@require_GET
def company_naf_options(request):
    """<option>s of known NAF codes for the code typed (or words of the sector):
    reference data, for the structures and for a company editing its own record."""
    text = request.GET.get("naf_code", "").strip().upper().replace(".", "")
    sectors = SectorHiring.objects.values("naf_code", "naf_label").distinct().order_by("naf_code")
    if text[:1].isdigit():
        sectors = sectors.filter(naf_code__startswith=text)
    else:
        for word in query_words(text):
            sectors = sectors.filter(Q(naf_label__icontains=word))
    options = list(sectors[:20]) if text else []
    return render(request, "companies/_naf_options.html", {"options": options})


def member_added(request, group, form: MemberForm):
    """The membership the bound `form` adds to `group` (and says so), or None with the
    refusal on the form: the structure's page of a group and the group's own space."""
    if not form.is_valid():
        return None
    try:
        membership = services.group_member_add(
            group=group,
            member=form.cleaned_data["member"],
            since=form.cleaned_data["since"],
            actor=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, f"« {membership.member.name} » ajoutée au groupement.")
    return membership


@login_required
@require_POST
def company_member_add(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    form = MemberForm(request.POST, group=company)
    if member_added(request, company, form):
        return redirect("company_detail", company_pk=company.pk)
    context = detail_context(request, organization, company, member_form=form)
    return render(request, "companies/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def company_member_remove(request, company_pk, group_membership_pk):
    """Asks first (the leave date, and what leaving means, as the group's own space
    does), then records the leave: the membership is kept with its date (the group's
    history)."""
    relating_organization(request)
    company = access_company(request, company_pk)
    membership = get_object_or_404(
        GroupMembership.objects.visible_to(request.user).active().select_related("member"),
        group=company,
        pk=group_membership_pk,
    )
    asked = confirmed(request)
    form = MemberLeaveForm(request.POST if asked else None)
    if asked and form.is_valid():
        try:
            services.group_member_leave(
                membership=membership, actor=request.user, on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"« {membership.member.name} » retirée du groupement.")
            return redirect("company_detail", company_pk=company.pk)
    member = membership.member.name
    return confirmation_page(
        request,
        title=f"Retirer « {member} » du groupement {company.name} ?",
        consequence=f"À partir de la date de sortie, le groupement ne voit plus les offres "
        f"{of(member)}, ni les candidatures et demandes qui y sont liées. La sortie reste "
        "dans l'historique du groupement ; pour revenir, l'entreprise est ajoutée à nouveau.",
        button="Retirer du groupement",
        cancel_url=reverse("company_detail", args=[company.pk]),
        extra="companies/_member_leave_date.html",
        context={"form": form},
        status=400 if asked else 200,
    )
