"""The « Freins et services » tab of a person: barriers by theme with their history,
adding one, moving its status, the services near the person that lift the open ones,
and the person's service referrals. Seen by the accompanying team only (Level.TEAM and
an organization that may see barriers); every view of sensitive themes is logged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from audit.reads import log_sensitive_read
from barriers.access import SENSITIVE_WHAT, barriers_for
from barriers.forms import BarrierAddForm, BarrierStatusForm
from barriers.models import PersonBarrier
from barriers.selectors import (
    barriers_by_theme,
    items_of_theme,
    sensitive_reads_of,
    shows_sensitive,
)
from barriers.services import barrier_change_status, barrier_identify
from organizations.enums import Role
from partner_services.enums import RefusalReason
from partner_services.models import ServiceReferral
from partner_services.selectors import referrals_with_history, services_lifting, with_moves
from pathways.models import Pathway
from persons.access import Level, person_for

PAGE_SIZE = 25


def _access(request, person_pk):
    return barriers_for(request.user, person_pk, request.current_organization)


def _tab_context(request, person, level, *, add_form=None, status_errors=None):
    barriers = list(PersonBarrier.objects.about(person, request.user).with_history())
    if shows_sensitive(barriers):
        log_sensitive_read(
            user=request.user,
            person=person,
            what=SENSITIVE_WHAT,
            organization=request.current_organization,
            path=request.path,
        )
    open_barriers = [b for b in barriers if b.is_open]
    lifting = services_lifting(open_barriers, person.commune)
    for barrier in barriers:
        barrier.lifting = lifting.get(barrier.pk, [])
        barrier.status_errors = (status_errors or {}).get(barrier.pk, [])
    referrals = referrals_with_history(ServiceReferral.objects.about(person, request.user))
    return {
        "title": f"Freins et services — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "barriers",
        "groups": barriers_by_theme(barriers),
        "has_commune": person.commune_id is not None,
        "referrals": with_moves(referrals, request.user, follows_all=True),
        "refusal_reasons": RefusalReason.choices,
        "add_form": add_form or BarrierAddForm(),
        "is_admin": getattr(request.current_membership, "role", None) == Role.ADMIN,
    }


@login_required
@require_GET
def person_barriers(request, person_pk):
    person, level, _ = _access(request, person_pk)
    return render(request, "barriers/person_barriers.html", _tab_context(request, person, level))


@login_required
@require_POST
def barrier_add(request, person_pk):
    person, level, organization = _access(request, person_pk)
    form = BarrierAddForm(request.POST)
    if form.is_valid():
        try:
            barrier = barrier_identify(
                person=person,
                item=form.cleaned_data["item"],
                detail=form.cleaned_data["detail"],
                identified_on=form.cleaned_data["identified_on"],
                user=request.user,
                organization=organization,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Frein « {barrier.item.label} » noté.")
            return redirect("person_barriers", person_pk=person.pk)
    context = _tab_context(request, person, level, add_form=form)
    return render(request, "barriers/person_barriers.html", context, status=400)


@login_required
@require_POST
def barrier_status(request, person_pk, barrier_pk):
    person, level, organization = _access(request, person_pk)
    barrier = get_object_or_404(
        PersonBarrier.objects.visible_to(request.user).select_related("item__theme"),
        person=person,
        pk=barrier_pk,
    )
    form = BarrierStatusForm(request.POST, barrier=barrier)
    if form.is_valid():
        try:
            barrier_change_status(
                barrier=barrier,
                to_status=form.cleaned_data["to_status"],
                comment=form.cleaned_data["comment"],
                user=request.user,
                organization=organization,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Frein « {barrier.item.label} » mis à jour.")
            return redirect("person_barriers", person_pk=person.pk)
    errors = [e for field_errors in form.errors.values() for e in field_errors]
    context = _tab_context(request, person, level, status_errors={barrier.pk: errors})
    return render(request, "barriers/person_barriers.html", context, status=400)


@login_required
@require_GET
def barrier_item_options(request):
    """The items of a theme, as <option>s for the add form (htmx)."""
    theme = request.GET.get("theme", "")
    return render(
        request, "barriers/_item_options.html", {"items": items_of_theme(theme), "theme": theme}
    )


@login_required
@require_GET
def person_sensitive_reads(request, person_pk):
    """Who read the person's sensitive data: for the admins of a structure that holds
    (or created) the person's record, acting for it."""
    person, level = person_for(request.user, person_pk, needed=Level.TEAM)
    organization = request.current_organization
    membership = request.current_membership
    holds = organization is not None and (
        person.created_by_organization_id == organization.pk
        or Pathway.objects.filter(person=person, organization=organization).exists()
    )
    if not holds or membership is None or membership.role != Role.ADMIN:
        raise PermissionDenied(
            "Le journal des consultations est réservé aux administrateurs de la structure "
            "qui accompagne la personne."
        )
    page = Paginator(sensitive_reads_of(person), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "barriers/sensitive_reads.html",
        {
            "title": f"Consultations de données sensibles — {person}",
            "person": person,
            "person_level": int(level),
            "active_tab": "barriers",
            "page": page,
        },
    )
