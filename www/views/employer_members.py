"""The employer group's own member list, from its space: the member companies with
their join date, who left and when, adding one and recording one's leave (after a
confirmation: from that day the group no longer sees the company's offers). Only the
group's users reach these pages; a structure records the members of a group without an
account on the company's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from companies import services as company_services
from companies.forms import MemberForm, MemberLeaveForm
from companies.models import GroupMembership
from offers.services import employer_company_of
from organizations.enums import KindGroup
from www.views.companies import member_added


def _require_group(request):
    organization = request.current_organization
    if organization is None or organization.kind_group != KindGroup.EMPLOYER_GROUP:
        raise PermissionDenied("Cette page est celle des groupements d'employeurs.")
    return employer_company_of(organization)


def _page(request, group, form, status=200):
    memberships = GroupMembership.objects.filter(group=group).select_related("member__commune")
    return render(
        request,
        "offers/employer_members.html",
        {
            "title": "Entreprises utilisatrices du groupement",
            "group": group,
            "active": memberships.active().order_by("member__name", "id"),
            "former": memberships.exclude(pk__in=memberships.active().values("pk")).order_by(
                "-left_on", "member__name"
            ),
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def employer_members(request):
    group = _require_group(request)
    return _page(request, group, MemberForm(group=group))


@login_required
@require_POST
def employer_member_add(request):
    group = _require_group(request)
    form = MemberForm(request.POST, group=group)
    if member_added(request, group, form):
        return redirect("employer_members")
    return _page(request, group, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def employer_member_leave(request, group_membership_pk):
    """Asks first (the date, and what leaving means), then records the leave."""
    group = _require_group(request)
    membership = get_object_or_404(
        GroupMembership.objects.active().select_related("member"),
        group=group,
        pk=group_membership_pk,
    )
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company_services.group_member_leave(
                membership=membership, actor=request.user, on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Sortie de « {membership.member.name} » enregistrée.")
            return redirect("employer_members")
    return render(
        request,
        "offers/employer_member_leave.html",
        {
            "title": f"Sortie de {membership.member.name}",
            "membership": membership,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
