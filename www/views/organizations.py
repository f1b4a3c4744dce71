"""An organization's page: its members, invitations and trail; and the admin's actions on
members. Every view fetches through a scoped selector, then checks the capability."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from access.policy import Capability, can, require
from audit.models import Action, AuditEntry
from lib.confirmation import ask_first
from organizations import services
from organizations.forms import InvitationForm, RoleForm
from organizations.models import Invitation
from organizations.selectors import members_of, organizations_for
from www.views.follow_up_calendar import calendar_form


def _access_organization(request, pk, capability: Capability):
    organization = get_object_or_404(organizations_for(request.user), pk=pk)
    if not request.user.is_staff:
        require(request.user, capability, organization)
    return organization


def _detail_context(request, organization, invitation_form=None):
    return {
        "title": organization.name,
        "organization": organization,
        "members": members_of(organization),
        "invitations": Invitation.objects.visible_to(request.user)
        .pending()
        .filter(organization=organization),
        "invitation_form": invitation_form or InvitationForm(),
        "can_manage": can(request.user, Capability.MANAGE_MEMBERS, organization),
        "can_edit": request.user.is_staff
        or can(request.user, Capability.EDIT_ORGANIZATION, organization),
        "served_epcis": organization.served_epcis.all(),
        "funders": organization.funders.order_by("name"),
        "served_communes": organization.served_communes.all(),
        "role_form": RoleForm(),
        "activity": AuditEntry.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("content_type")[:8],
        # The checkpoint steps of the in-job follow-up: its admins choose them.
        "calendar_form": calendar_form(organization)
        if can(request.user, Capability.EDIT_ORGANIZATION, organization)
        and can(request.user, Capability.FOLLOW_PERSONS, organization)
        else None,
    }


@login_required
def organization_detail(request, pk):
    organization = _access_organization(request, pk, Capability.VIEW_ORGANIZATION)
    return render(request, "organizations/detail.html", _detail_context(request, organization))


@login_required
@require_POST
def invitation_create(request, pk):
    organization = _access_organization(request, pk, Capability.MANAGE_MEMBERS)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, _ = services.invitation_send(
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, f"Invitation envoyée à {invitation.email}.")
            return redirect("organization_detail", pk=organization.pk)
    context = _detail_context(request, organization, invitation_form=form)
    return render(request, "organizations/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request, pk, invitation_pk):
    organization = _access_organization(request, pk, Capability.MANAGE_MEMBERS)
    invitation = get_object_or_404(
        Invitation.objects.pending(), organization=organization, pk=invitation_pk
    )
    asking = ask_first(
        request,
        title=f"Annuler l'invitation de {invitation.email} ?",
        consequence="Le lien envoyé ne permettra plus de rejoindre l'organisation ; "
        "il faudra inviter de nouveau.",
        button="Annuler l'invitation",
        cancel_url=reverse("organization_detail", args=[organization.pk]),
    )
    if asking:
        return asking
    services.invitation_revoke(invitation=invitation)
    messages.success(request, f"Invitation de {invitation.email} annulée.")
    return redirect("organization_detail", pk=organization.pk)


@login_required
@require_POST
def membership_change_role(request, pk, membership_pk):
    organization = _access_organization(request, pk, Capability.MANAGE_MEMBERS)
    membership = get_object_or_404(members_of(organization), pk=membership_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez un rôle dans la liste.")
    else:
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{membership.user} est maintenant {membership.get_role_display().lower()}.",
            )
    return redirect("organization_detail", pk=organization.pk)


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request, pk, membership_pk):
    organization = _access_organization(request, pk, Capability.MANAGE_MEMBERS)
    membership = get_object_or_404(members_of(organization), pk=membership_pk)
    asking = ask_first(
        request,
        title=f"Retirer {membership.user} de {organization.name} ?",
        consequence="Cette personne perd aussitôt l'accès aux personnes suivies et aux "
        "données de l'organisation ; pour revenir, il lui faudra une nouvelle invitation.",
        button="Retirer de l'organisation",
        cancel_url=reverse("organization_detail", args=[organization.pk]),
    )
    if asking:
        return asking
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{membership.user} a été retiré·e de l'organisation.")
    return redirect("organization_detail", pk=organization.pk)


@login_required
def organization_activity(request, pk):
    organization = _access_organization(request, pk, Capability.VIEW_ORGANIZATION)
    entries = (
        AuditEntry.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("content_type")
    )
    action = request.GET.get("action", "")
    if action in Action.values:
        entries = entries.filter(action=action)
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/activity.html",
        {
            "title": f"Journal — {organization.name}",
            "organization": organization,
            "page": page,
            "actions": Action.choices,
            "selected_action": action,
        },
    )
