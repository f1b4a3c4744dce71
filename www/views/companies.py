"""The company register: the list (search and filters, with the organization's relations
shown), a company's page, creating and editing a company, an employer group's members.
Organizations that relate with companies (Capability.RELATE_WITH_COMPANIES) use them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.policy import Capability, can
from companies import selectors, services
from companies.forms import (
    ClubForm,
    CompanyForm,
    CompanySearchForm,
    LogEntryForm,
    MemberForm,
    TagForm,
)
from companies.models import ClubMembership, Company, CompanyTag, Contact, GroupMembership
from immersions.selectors import company_immersions
from jobs.models import SectorHiring
from lib.search import query_words

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
    members = GroupMembership.objects.visible_to(user).filter(group=company)
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
        .select_related("group"),
        "immersions": page_of(request, company_immersions(user, company), "p_immersions"),
        "club_form": bound.get("club_form")
        or ClubForm(initial={"engagement": club.engagement, "since": club.since} if club else None),
        "tag_form": bound.get("tag_form") or TagForm(),
        "log_form": bound.get("log_form") or LogEntryForm(contacts=contacts),
        "member_form": bound.get("member_form") or MemberForm(group=company),
    }


@login_required
@require_GET
def company_detail(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    return render(request, "companies/detail.html", detail_context(request, organization, company))


def _edit(request, company):
    form = CompanyForm(request.POST or None, instance=company)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            if company is None:
                company = services.company_create(data=form.cleaned_data)
            else:
                company = services.company_update(company=company, data=form.cleaned_data)
        except services.DuplicateCompany as error:
            duplicate = error.company
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Entreprise « {company.name} » enregistrée.")
            return redirect("company_detail", company_pk=company.pk)
    return render(
        request,
        "companies/edit.html",
        {
            "title": f"Modifier {company.name}" if company else "Ajouter une entreprise",
            "form": form,
            "company": company,
            "duplicate": duplicate,
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
    relating_organization(request)
    return _edit(request, access_company(request, company_pk))


@login_required
@require_GET
def company_naf_options(request):
    """<option>s of known NAF codes for the code typed (or words of the sector)."""
    relating_organization(request)
    text = request.GET.get("naf_code", "").strip().upper().replace(".", "")
    sectors = SectorHiring.objects.values("naf_code", "naf_label").distinct().order_by("naf_code")
    if text[:1].isdigit():
        sectors = sectors.filter(naf_code__startswith=text)
    else:
        for word in query_words(text):
            sectors = sectors.filter(Q(naf_label__icontains=word))
    options = list(sectors[:20]) if text else []
    return render(request, "companies/_naf_options.html", {"options": options})


@login_required
@require_POST
def company_member_add(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    form = MemberForm(request.POST, group=company)
    if form.is_valid():
        try:
            membership = services.group_member_add(
                group=company, member=form.cleaned_data["member"], since=form.cleaned_data["since"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"« {membership.member.name} » ajoutée au groupement.")
            return redirect("company_detail", company_pk=company.pk)
    context = detail_context(request, organization, company, member_form=form)
    return render(request, "companies/detail.html", context, status=400)


@login_required
@require_POST
def company_member_remove(request, company_pk, group_membership_pk):
    relating_organization(request)
    company = access_company(request, company_pk)
    membership = get_object_or_404(
        GroupMembership.objects.visible_to(request.user).select_related("member"),
        group=company,
        pk=group_membership_pk,
    )
    services.group_member_remove(membership=membership)
    messages.success(request, f"« {membership.member.name} » retirée du groupement.")
    return redirect("company_detail", company_pk=company.pk)
