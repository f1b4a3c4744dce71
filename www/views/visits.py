"""Counting a visit without a record, from the drop-in page: one tap on the reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from access.policy import Capability, require
from lib.form_writes import write_if_valid
from referrals.entry_forms import WalkInForm
from visits import selectors
from visits.enums import VisitReason
from visits.forms import VisitForm
from visits.services import visit_record


def visit_panel(request, organization, form=None) -> dict:
    """What the drop-in page shows of the visits: the one-tap form and today's and this
    month's counts of the organization."""
    today = timezone.localdate()
    month = selectors.visit_counts(
        organizations=[organization], start=today.replace(day=1), end=today
    )[organization.pk]
    day = selectors.visit_counts(organizations=[organization], start=today, end=today)[
        organization.pk
    ]
    return {
        "visit_form": form
        or VisitForm(prefix="passage", place=selectors.last_place(organization, request.user)),
        "visit_reasons": VisitReason.choices,
        "visits_today": day,
        "visits_month": month,
    }


@login_required
@require_POST
def visit_count(request):
    organization = request.current_organization
    require(request.user, Capability.FOLLOW_PERSONS, organization)
    form = VisitForm(request.POST, prefix="passage")

    def write(data):
        visit_record(organization=organization, user=request.user, **data)

    if write_if_valid(form, write):
        label = VisitReason(form.cleaned_data["reason"]).label
        messages.success(request, f"Passage compté sans dossier : {label.lower()}.")
        return redirect(reverse("walk_in") + "#passages")
    return render(
        request,
        "referrals/entry_walk_in.html",
        {
            "title": "Permanence : accueillir une personne",
            "form": WalkInForm(),
            "visible_duplicates": [],
            "duplicate_elsewhere": False,
            **visit_panel(request, organization, form),
        },
        status=400,
    )
