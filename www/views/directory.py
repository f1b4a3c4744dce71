"""The structure directory: search by distance, kind, jobs and barrier themes; a
structure's card; choosing whom to refer there; and the profile the structure's admins
publish."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from access.policy import Capability, can, require
from organizations.directory import structure_card, structures_search, with_profile
from organizations.directory_forms import ReferralProfileForm, StructureSearchForm
from organizations.directory_profile import referral_profile_update
from organizations.selectors import organizations_for
from persons.access import Level, person_for
from persons.selectors import persons_for_list

PAGE_SIZE = 25


def _person_param(request) -> str:
    """The person being referred, carried from page to page while choosing a structure."""
    value = request.GET.get("person", "")
    return value if value.isdigit() else ""


def _can_refer(request) -> bool:
    return can(request.user, Capability.REFER_PERSONS, request.current_organization)


@login_required
@require_GET
def structure_directory(request):
    form = StructureSearchForm(request.GET or None)
    found, searched = [], form.is_bound
    if form.is_valid():
        found = structures_search(**form.filters())
    elif not form.is_bound:
        found = structures_search()
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    with_profile(page.object_list)
    return render(
        request,
        "directory/search.html",
        {
            "title": "Trouver une structure",
            "form": form,
            "page": page,
            "searched": searched,
            "near": form.is_valid() and form.cleaned_data["commune"] is not None,
            "person_pk": _person_param(request),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_GET
def structure_detail(request, pk):
    structure = structure_card(pk)
    if structure is None:
        raise Http404("Structure introuvable.")
    return render(
        request,
        "directory/detail.html",
        {
            "title": structure.name,
            "structure": structure,
            "can_refer": _can_refer(request) and structure != request.current_organization,
            "person_pk": _person_param(request),
        },
    )


@login_required
@require_GET
def structure_refer(request, pk):
    """Whom to refer to this structure: one of the people the organization keeps, or a
    new person (created on the person page, which comes back here with `person`)."""
    structure = structure_card(pk)
    if structure is None:
        raise Http404("Structure introuvable.")
    require(request.user, Capability.REFER_PERSONS, request.current_organization)
    person_pk = _person_param(request)
    if person_pk:
        person, _ = person_for(request.user, person_pk, needed=Level.MILESTONES)
        target = reverse("referral_create", kwargs={"person_pk": person.pk})
        return redirect(f"{target}?{urlencode({'structure': structure.pk})}")
    query = request.GET.get("q", "").strip()[:100]
    people = persons_for_list(request.user, query=query, organization=request.current_organization)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    here = reverse("structure_refer", kwargs={"pk": structure.pk})
    return render(
        request,
        "directory/refer.html",
        {
            "title": f"Orienter une personne vers {structure.name}",
            "structure": structure,
            "page": page,
            "query": query,
            "new_person_url": f"{reverse('person_create')}?{urlencode({'next': here})}",
        },
    )


def _profile_context(organization, form):
    return {
        "title": f"Orientations — {organization.name}",
        "organization": organization,
        "form": form,
        "jobs": organization.referral_jobs.all(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def organization_referral_profile(request, pk):
    organization = get_object_or_404(organizations_for(request.user), pk=pk)
    if not request.user.is_staff:
        require(request.user, Capability.EDIT_ORGANIZATION, organization)
    if request.method == "GET":
        form = ReferralProfileForm(initial=ReferralProfileForm.initial_of(organization))
        return render(request, "directory/profile.html", _profile_context(organization, form))
    form = ReferralProfileForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            referral_profile_update(
                organization=organization,
                accepts_referrals=data["accepts_referrals"],
                referral_note=data["referral_note"],
                capacity_note=data["capacity_note"],
                jobs=data["jobs"],
                themes=list(data["themes"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Votre fiche pour les prescripteurs est enregistrée.")
            return redirect("structure_detail", pk=organization.pk)
    organization.refresh_from_db()
    return render(
        request, "directory/profile.html", _profile_context(organization, form), status=400
    )
