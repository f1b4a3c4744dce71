from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from access.policy import Capability, require
from organizations import services
from organizations.enums import Role
from organizations.forms import OrganizationCreateForm, OrganizationForm
from organizations.selectors import organizations_for

_EDITABLE = ["name", "commune", "address", "email", "phone", "website", "description"]


@login_required
def organization_edit(request, pk):
    organization = get_object_or_404(organizations_for(request.user), pk=pk)
    staff = request.user.is_staff
    if not staff:
        require(request.user, Capability.EDIT_ORGANIZATION, organization)
    form = OrganizationForm(request.POST or None, instance=organization, for_platform_admin=staff)
    if request.method == "POST" and form.is_valid():
        fields = _EDITABLE + (["kind", "siret"] if staff else [])
        services.organization_update(
            organization=organization,
            data={f: form.cleaned_data[f] for f in fields},
            served_epcis=form.cleaned_data["served_epcis"],
            funders=form.cleaned_data["funders"],
        )
        messages.success(request, "Les informations de l'organisation sont enregistrées.")
        return redirect("organization_detail", pk=organization.pk)
    return render(
        request,
        "organizations/edit.html",
        {"title": f"Modifier — {organization.name}", "organization": organization, "form": form},
        status=400 if form.errors else 200,
    )


@staff_member_required(login_url="account_login")
def organization_create(request):
    form = OrganizationCreateForm(request.POST or None, for_platform_admin=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            organization = services.organization_create(
                name=data["name"],
                kind=data["kind"],
                siret=data["siret"],
                commune=data["commune"],
                address=data["address"],
                email=data["email"],
                phone=data["phone"],
            )
            services.invitation_send(
                organization=organization,
                email=data["admin_email"],
                role=Role.ADMIN,
                invited_by=request.user,
            )
        messages.success(
            request,
            f"{organization} est créée ; {data['admin_email']} est invité·e à l'administrer.",
        )
        return redirect("organization_detail", pk=organization.pk)
    return render(
        request,
        "organizations/create.html",
        {"title": "Nouvelle organisation", "form": form},
        status=400 if form.errors else 200,
    )
