"""A person's immersions (PMSMP): the list, planning one, and its assessment. For the
team that follows the person (Level.TEAM) in an organization that follows people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from access.policy import Capability, require
from companies.models import Company, Contact
from companies.selectors import companies_in_relation
from immersions import selectors, services
from immersions.forms import AssessmentForm, ImmersionForm
from immersions.models import Immersion
from persons.access import person_for
from persons.levels import Level
from www.views.companies import page_of


def _organization(request):
    organization = request.current_organization
    require(request.user, Capability.FOLLOW_PERSONS, organization)
    return organization


def _plan_form(request, organization, *, instance=None, data=None, initial=None):
    """The companies offered are those the organization works with (and the one asked
    for, or the immersion's own); the tutors, its contacts there."""
    chosen = [instance.company_id] if instance else []
    wanted = request.GET.get("entreprise", "")
    if wanted.isdigit():
        chosen.append(int(wanted))
        initial = {**(initial or {}), "company": int(wanted)}
    companies = Company.objects.visible_to(request.user).filter(
        pk__in=companies_in_relation(organization).values("pk")
    ) | Company.objects.visible_to(request.user).filter(pk__in=chosen)
    contacts = Contact.objects.visible_to(request.user).of(organization).select_related("company")
    return ImmersionForm(
        data,
        instance=instance,
        initial=initial,
        companies=companies.order_by("name", "id"),
        contacts=contacts,
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_immersions(request, person_pk):
    person, level = person_for(request.user, person_pk, needed=Level.TEAM)
    organization = _organization(request)
    form = _plan_form(request, organization, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.immersion_create(
                person=person, organization=organization, user=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Immersion enregistrée.")
            return redirect("person_immersions", person_pk=person.pk)
    return render(
        request,
        "immersions/person_immersions.html",
        {
            "title": f"Immersions de {person}",
            "person": person,
            "person_level": int(level),
            "active_tab": "immersions",
            "immersions": page_of(request, selectors.person_immersions(request.user, person)),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def immersion_edit(request, person_pk, immersion_pk):
    person, level = person_for(request.user, person_pk, needed=Level.TEAM)
    organization = _organization(request)
    immersion = get_object_or_404(
        selectors.person_immersions(request.user, person), pk=immersion_pk
    )
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("formulaire") if posted else None
    plan_form = _plan_form(
        request, organization, instance=immersion, data=posted if which == "plan" else None
    )
    assessment_form = AssessmentForm(posted if which == "bilan" else None, instance=immersion)
    form = plan_form if which == "plan" else assessment_form
    if posted and form.is_valid():
        try:
            services.immersion_update(
                immersion=immersion, user=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Immersion mise à jour.")
            return redirect("person_immersions", person_pk=person.pk)
    # Unsaved edits must not show as saved: reload what the database holds.
    immersion = Immersion.objects.select_related("company", "host_assessed_by").get(pk=immersion.pk)
    return render(
        request,
        "immersions/edit.html",
        {
            "title": f"Immersion de {person} chez {immersion.company}",
            "person": person,
            "person_level": int(level),
            "active_tab": "immersions",
            "immersion": immersion,
            "plan_form": plan_form,
            "assessment_form": assessment_form,
        },
        status=400 if posted else 200,
    )
