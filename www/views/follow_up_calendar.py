"""The structure's checkpoint steps (« Suivi dans l'emploi » on its page): an admin of a
structure that follows people chooses them; contracts recorded afterwards use them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from access.policy import Capability, require
from employment import selectors, services
from employment.forms import FollowUpCalendarForm
from lib.form_writes import write_if_valid
from organizations.selectors import organizations_for


def calendar_form(organization, data=None) -> FollowUpCalendarForm:
    return FollowUpCalendarForm(data, initial={"steps": selectors.follow_up_steps(organization)})


@login_required
def follow_up_calendar(request, pk):
    organization = get_object_or_404(organizations_for(request.user), pk=pk)
    require(request.user, Capability.EDIT_ORGANIZATION, organization)
    require(request.user, Capability.FOLLOW_PERSONS, organization)
    form = calendar_form(organization, request.POST if request.method == "POST" else None)
    if request.method == "POST":

        def write(data):
            services.follow_up_calendar_set(
                organization=organization, steps=data["steps"], user=request.user
            )

        if write_if_valid(form, write):
            messages.success(
                request,
                "Les points de suivi sont enregistrés : ils valent pour les prochains contrats.",
            )
            return redirect("organization_detail", pk=organization.pk)
    return render(
        request,
        "employment/follow_up_calendar.html",
        {
            "title": f"Suivi dans l'emploi — {organization.name}",
            "organization": organization,
            "calendar_form": form,
        },
        status=400 if form.errors else 200,
    )
